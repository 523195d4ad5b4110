-- Covering indexes for the count of companies accompanied: at a million accompaniments the
-- evidence query otherwise reads wide request rows (profile JSON) just for their company.
-- Keep in step with ../postgres/0016_kpi_indexes.sql.
CREATE INDEX accompaniments_counted ON accompaniments (status, COALESCE(end_date, start_date), company_id, organisation_id);
CREATE INDEX matches_done_closed ON matches (status, closed_at, need_id, organisation_id, branch_id);
CREATE INDEX needs_id_request ON needs (id, request_id, subject);
CREATE INDEX requests_id_company ON requests (id, company_id);
CREATE INDEX companies_id_merged ON companies (id, merged_into);
