-- A request belongs to a company file once an adviser links it. Keep in step with ../postgres.
ALTER TABLE requests ADD COLUMN company_id BLOB REFERENCES companies (id);
CREATE INDEX requests_company ON requests (company_id);
