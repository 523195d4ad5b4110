-- A request belongs to a company file once an adviser links it. Keep in step with ../sqlite.
ALTER TABLE requests ADD COLUMN company_id uuid REFERENCES companies (id);
CREATE INDEX requests_company ON requests (company_id);
