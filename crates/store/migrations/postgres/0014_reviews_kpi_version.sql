-- The monthly review (decisions and action items carried over until done) and a version number
-- of the data the count of companies accompanied is made of, bumped by triggers so that every
-- server process knows when its cached figures are stale. Keep in step with ../sqlite.

CREATE TABLE review_items (
    id uuid PRIMARY KEY,
    -- The review ('YYYY-MM') where the item was raised.
    month text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('decision', 'action')),
    body text NOT NULL,
    owner_organisation_id uuid REFERENCES organisations (id),
    owner_person text,
    due_on date,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    -- The review where an action item was marked done.
    done_month text,
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX review_items_month ON review_items (month);
CREATE INDEX review_items_open ON review_items (status, month);

CREATE TABLE kpi_state (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO kpi_state (id, version) VALUES (1, 1);

-- Bumped once per transaction, at commit (a deferred constraint trigger): the lock on the one
-- row is taken last and held for an instant, so writers cannot deadlock on it, and readers see
-- the new version together with the data that caused it.
CREATE FUNCTION kpi_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('tremplin.kpi_bumped', true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE kpi_state SET version = version + 1;
        PERFORM set_config('tremplin.kpi_bumped', txid_current()::text, true);
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER kpi_acc AFTER INSERT OR UPDATE OR DELETE ON accompaniments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kpi_bump();
CREATE CONSTRAINT TRIGGER kpi_match AFTER INSERT OR UPDATE OR DELETE ON matches
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kpi_bump();
CREATE CONSTRAINT TRIGGER kpi_company_merge AFTER UPDATE OF merged_into ON companies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kpi_bump();
CREATE CONSTRAINT TRIGGER kpi_request_link AFTER UPDATE OF company_id ON requests
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kpi_bump();
CREATE CONSTRAINT TRIGGER kpi_targets AFTER INSERT OR UPDATE OR DELETE ON targets
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kpi_bump();
