-- The monthly review (decisions and action items carried over until done) and a version number
-- of the data the count of companies accompanied is made of, bumped by triggers so that every
-- server process knows when its cached figures are stale. Keep in step with ../postgres.

CREATE TABLE review_items (
    id BLOB PRIMARY KEY,
    -- The review ('YYYY-MM') where the item was raised.
    month text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('decision', 'action')),
    body text NOT NULL,
    owner_organisation_id BLOB REFERENCES organisations (id),
    owner_person text,
    due_on TEXT,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    -- The review where an action item was marked done.
    done_month text,
    created_by BLOB REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX review_items_month ON review_items (month);
CREATE INDEX review_items_open ON review_items (status, month);

CREATE TABLE kpi_state (
    id integer PRIMARY KEY CHECK (id = 1),
    version integer NOT NULL
);
INSERT INTO kpi_state (id, version) VALUES (1, 1);

CREATE TRIGGER kpi_acc_ins AFTER INSERT ON accompaniments BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_acc_upd AFTER UPDATE ON accompaniments BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_acc_del AFTER DELETE ON accompaniments BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_match_ins AFTER INSERT ON matches BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_match_upd AFTER UPDATE ON matches BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_match_del AFTER DELETE ON matches BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_company_merge AFTER UPDATE OF merged_into ON companies BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_request_link AFTER UPDATE OF company_id ON requests BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_targets_ins AFTER INSERT ON targets BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_targets_upd AFTER UPDATE ON targets BEGIN UPDATE kpi_state SET version = version + 1; END;
CREATE TRIGGER kpi_targets_del AFTER DELETE ON targets BEGIN UPDATE kpi_state SET version = version + 1; END;
