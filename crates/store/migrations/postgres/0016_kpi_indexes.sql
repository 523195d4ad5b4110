-- Covering indexes for the count of companies accompanied: at a million accompaniments the
-- evidence query otherwise reads wide request rows (profile JSON) just for their company.
-- Keep in step with ../sqlite/0016_kpi_indexes.sql.
CREATE INDEX accompaniments_counted ON accompaniments (status, (COALESCE(end_date, start_date))) INCLUDE (company_id, organisation_id);
CREATE INDEX matches_done_closed ON matches (status, closed_at) INCLUDE (need_id, organisation_id, branch_id);
CREATE INDEX needs_id_request ON needs (id) INCLUDE (request_id, subject);
CREATE INDEX requests_id_company ON requests (id) INCLUDE (company_id);
CREATE INDEX companies_id_merged ON companies (id) INCLUDE (merged_into);
