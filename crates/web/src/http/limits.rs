//! Limits on the doors anyone can open without an account: the client's address (behind the
//! proxies we run, the one the outermost saw), and how often one address, or one mailbox, may use
//! each public form per hour (429 with `Retry-After` beyond).

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

use crate::http::error::AppError;
use crate::state::AppState;

/// The client address. Behind `proxy_hops` reverse proxies of ours, the address the outermost
/// one received the request from: the `proxy_hops`-th `X-Forwarded-For` entry from the right
/// (the entries left of it are the client's to write, so never trusted). Otherwise, or when the
/// header is short or unreadable, the socket's peer.
pub fn client_ip(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
    let peer = peer
        .map(|p| p.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    forwarded_client(headers, state.config().proxy_hops).unwrap_or(peer)
}

fn forwarded_client(headers: &HeaderMap, hops: usize) -> Option<IpAddr> {
    if hops == 0 {
        return None;
    }
    let hops_seen: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().ok())
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let i = hops_seen.len().checked_sub(hops)?;
    hops_seen[i].parse().ok()
}

/// Counts one use of the public form `door` by this client address and, when it writes to one,
/// this mailbox; refused (429) beyond the hourly quotas.
pub fn public_door(
    state: &AppState,
    door: &str,
    ip: IpAddr,
    mailbox: Option<&str>,
) -> Result<(), AppError> {
    let (by_address, by_mailbox) = state.public_limiters();
    // Keys of quiet clients are forgotten, so the maps stay small.
    if by_address.len() > 50_000 {
        by_address.retain_recent();
    }
    if by_mailbox.len() > 50_000 {
        by_mailbox.retain_recent();
    }
    let refused = AppError::TooManyRequests {
        retry_after_secs: 3600,
    };
    if by_address.check_key(&format!("{door}:{ip}")).is_err() {
        return Err(refused);
    }
    if let Some(m) = mailbox
        .map(|m| m.trim().to_lowercase())
        .filter(|m| !m.is_empty())
        && by_mailbox.check_key(&format!("{door}:{m}")).is_err()
    {
        return Err(refused);
    }
    Ok(())
}
