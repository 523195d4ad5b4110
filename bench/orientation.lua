-- wrk script: POST /api/v1/orientation with a typical profile.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"naf":"25.62B","departement":"59","headcount":35,"turnover_eur":6000000,"creation_year":2004,"closed_fiscal_years":12,"export_experience":"last_12m","offer":"goods","target_countries":["DE","MA"],"needs":["finance_prospection","trade_fair"],"activity_flags":[],"french_share_pct":70}'
