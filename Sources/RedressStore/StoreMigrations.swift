import GRDB

/// The versioned SQLite schema.
///
/// Migrations are named, run once each in their own transaction, and are
/// never edited once shipped: a node upgraded later runs only the new ones and
/// keeps its data and change history. They spell out SQL rather than derive
/// it from `RecordSchema`, so that editing a Swift type cannot silently change
/// what an old migration did.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-crdtStore") { db in
            // This node and its hybrid clock (one row).
            try db.execute(sql: """
                CREATE TABLE localNode (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    nodeId TEXT NOT NULL,
                    name TEXT NOT NULL,
                    division TEXT NOT NULL,
                    clock INTEGER NOT NULL DEFAULT 0,
                    createdAt INTEGER NOT NULL
                );
                -- Every node whose changes we hold: a local ordinal (ordinal 1 is
                -- this node) and the version vector entry.
                CREATE TABLE replica (
                    ordinal INTEGER PRIMARY KEY,
                    nodeId TEXT NOT NULL UNIQUE,
                    counter INTEGER NOT NULL DEFAULT 0
                );
                -- The change log: ids, the written fields and the stamp, never values,
                -- so that an erasure has nothing to scrub here.
                CREATE TABLE change (
                    origin INTEGER NOT NULL,
                    counter INTEGER NOT NULL,
                    time INTEGER NOT NULL,
                    kind INTEGER NOT NULL,
                    ref INTEGER NOT NULL,
                    mask INTEGER NOT NULL,
                    PRIMARY KEY (origin, counter)
                ) WITHOUT ROWID;
                CREATE TABLE complaint (
                    rid INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    division TEXT, receivedAt INTEGER, channel TEXT,
                    complainantName TEXT, complainantContact TEXT,
                    product TEXT, category TEXT, description TEXT, severity TEXT,
                    requestedRemedy TEXT, assignee TEXT, level INTEGER,
                    decision TEXT, remedy TEXT, rootCause TEXT, firstContact INTEGER,
                    csat INTEGER, nps INTEGER, scheme TEXT,
                    ackDueAt INTEGER, respondDueAt INTEGER,
                    acknowledgedAt INTEGER, respondedAt INTEGER, closedAt INTEGER,
                    stage INTEGER, erased INTEGER, externalRef TEXT, createdBy TEXT, referredAt INTEGER,
                    clocks BLOB NOT NULL
                );
                CREATE TABLE division (
                    rid INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    name TEXT, ackHours INTEGER, respondDays INTEGER,
                    clocks BLOB NOT NULL
                );
                CREATE TABLE taxon (
                    rid INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    kind TEXT, code TEXT, label TEXT, retired INTEGER,
                    clocks BLOB NOT NULL
                );
                CREATE TABLE member (
                    rid INTEGER PRIMARY KEY,
                    nodeId TEXT NOT NULL UNIQUE,
                    name TEXT, division TEXT, retired INTEGER, certificateSerial TEXT,
                    clocks BLOB NOT NULL
                );
                CREATE TABLE customerCount (
                    rid INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    division TEXT, period TEXT, customers INTEGER,
                    clocks BLOB NOT NULL
                );
                -- Grow-only history; identity is the change that made it.
                CREATE TABLE event (
                    rid INTEGER PRIMARY KEY,
                    origin INTEGER NOT NULL,
                    counter INTEGER NOT NULL,
                    time INTEGER NOT NULL,
                    complaint TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    user TEXT NOT NULL,
                    text TEXT,
                    fromStage INTEGER,
                    toStage INTEGER,
                    UNIQUE (origin, counter)
                );
                CREATE INDEX event_complaint ON event (complaint);
                -- Add-wins observed-remove set of tags: one row per add (dot).
                CREATE TABLE tag (
                    rid INTEGER PRIMARY KEY,
                    origin INTEGER NOT NULL,
                    counter INTEGER NOT NULL,
                    complaint TEXT NOT NULL,
                    tag TEXT NOT NULL,
                    removed INTEGER NOT NULL,
                    UNIQUE (origin, counter)
                );
                CREATE INDEX tag_complaint ON tag (complaint);
                """)
        }
        migrator.registerMigration("v2-clusterIdentity") { db in
            // The cluster this node belongs to: NULL for a standalone node made
            // by plain `redress init`. Local: each node knows its own.
            try db.execute(sql: """
                ALTER TABLE localNode ADD COLUMN clusterId TEXT;
                -- What this node saw of each peer, filled by the sync layer. Local,
                -- never replicated and not in the digest: each node has its own view.
                -- A peer is known by its node id once it has identified itself, and
                -- by its configured address (HOST:PORT) before that.
                CREATE TABLE peerStatus (
                    rid INTEGER PRIMARY KEY,
                    nodeId TEXT UNIQUE,
                    address TEXT UNIQUE,
                    lastContactAt INTEGER,
                    lastSyncAt INTEGER,
                    lastErrorAt INTEGER,
                    lastError TEXT,
                    peerVersionVector TEXT,
                    CHECK (nodeId IS NOT NULL OR address IS NOT NULL)
                );
                """)
        }
        migrator.registerMigration("v3-reportIndexes") { db in
            // Only what reports and imports query. The indexed columns are
            // written once, when a complaint is created, so lifecycle updates
            // never touch these indexes; the cost is on inserts alone. Measured
            // at 1,000,000 complaints: an index on receivedAt alone saved only
            // ~0.1 s on a one-month report across divisions (a full scan is
            // ~0.5 s), not worth an index insert per complaint; unfiltered
            // reports scan the table whatever the indexes.
            try db.execute(sql: """
                -- `report --division CODE [--from/--to]`: one division's complaints by date.
                CREATE INDEX complaint_division_receivedAt ON complaint (division, receivedAt);
                -- `import`: "is this source's complaint here already?" once per row; without
                -- it every imported row scans the table. Partial: complaints entered by
                -- staff have no external reference and cost this index nothing.
                CREATE INDEX complaint_externalRef ON complaint (externalRef) WHERE externalRef IS NOT NULL;
                """)
        }
        migrator.registerMigration("v4-reportCoveringIndex") { db in
            // `report` over every complaint: one index holding exactly the columns
            // KPIReporter reads, so that its statements scan ~90 bytes per
            // complaint instead of the whole row (descriptions, names, clocks),
            // and find the complaints already in division order, then category,
            // root cause and channel: the GROUP BYs of the totals and of the
            // breakdowns need no sort. Measured at 1,000,000 complaints in 50
            // divisions (docs/BENCHMARKS.md, "Reports"). The cost is one index
            // entry per complaint, rewritten when a lifecycle step changes one of
            // its columns. complaint_division_receivedAt stays: date ranges per
            // division (customer counts per month, `list --division`).
            try db.execute(sql: """
                CREATE INDEX complaint_report ON complaint (
                    division, category, rootCause, channel, receivedAt, stage, level,
                    acknowledgedAt, respondedAt, closedAt, ackDueAt, respondDueAt, referredAt,
                    firstContact, csat, nps);
                """)
        }
        migrator.registerMigration("v5-accounts") { db in
            // Accounts and API tokens are replicated records like every other
            // (fields, then the clocks BLOB); sessions and sign-in throttling
            // are this node's own, never replicated and not in the digest.
            try db.execute(sql: """
                CREATE TABLE account (
                    rid INTEGER PRIMARY KEY,
                    login TEXT NOT NULL UNIQUE,
                    name TEXT, division TEXT, role TEXT, deactivated INTEGER,
                    passwordHash TEXT, passwordChangedAt INTEGER,
                    clocks BLOB NOT NULL
                );
                CREATE TABLE apiToken (
                    rid INTEGER PRIMARY KEY,
                    tokenId TEXT NOT NULL UNIQUE,
                    login TEXT, name TEXT, secretHash TEXT, revoked INTEGER, createdAt INTEGER,
                    clocks BLOB NOT NULL
                );
                -- Signed-in browsers: the SHA-256 of the cookie's secret, never the
                -- secret itself, so a copy of this file signs nobody in.
                CREATE TABLE webSession (
                    idHash TEXT PRIMARY KEY,
                    login TEXT NOT NULL,
                    csrfToken TEXT NOT NULL,
                    createdAt INTEGER NOT NULL,
                    expiresAt INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX webSession_login ON webSession (login);
                -- Failed sign-ins per login and per source address.
                CREATE TABLE signInThrottle (
                    key TEXT PRIMARY KEY,
                    failures INTEGER NOT NULL,
                    windowStart INTEGER NOT NULL,
                    lockedUntil INTEGER
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v6-openComplaintIndex") { db in
            // Staff's everyday list: their division's open complaints, oldest
            // first (`list --stage open`, the API's inbox). Old complaints are
            // nearly all closed, so without it the first page reads most of a
            // division's rows to find fifty open ones. Partial: a complaint
            // leaves it when it closes, so it holds only the open few (7% of
            // the generated benchmark store), and its order is the list's.
            // Its WHERE is the text ComplaintQuery writes for "open".
            try db.execute(sql: """
                CREATE INDEX complaint_open ON complaint (division, receivedAt, id) WHERE stage % 16 < 5;
                """)
        }
        migrator.registerMigration("v7-replyTemplates") { db in
            // Each division's wording for communications: replicated like the taxonomy.
            try db.execute(sql: """
                CREATE TABLE replyTemplate (
                    rid INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    division TEXT, name TEXT, text TEXT, retired INTEGER,
                    clocks BLOB NOT NULL
                );
                """)
        }
        migrator.registerMigration("v8-inboxQueueIndex") { db in
            // The inbox counts the queues of a division's open complaints on
            // every page (mine, unassigned, due today, overdue, escalated) in
            // one pass (`complaintCounts`): each is a filter on these columns.
            // So complaint_open (v6) now carries them: the pass reads only the
            // index entries of the open few (about 14,000 in the benchmark's
            // largest division of 250,000), never the rows, and "mine" finds
            // its first page in the list's order without reading other rows.
            // Widened rather than added beside: a second index on complaint
            // cost every applied change its own entry (`bench store`: apply
            // 335,000 → 190,000 changes/s, longest transaction 27 → 88 ms).
            try db.execute(sql: """
                DROP INDEX complaint_open;
                CREATE INDEX complaint_open ON complaint (
                    division, receivedAt, id, assignee, level, stage, acknowledgedAt, ackDueAt, respondDueAt
                ) WHERE stage % 16 < 5;
                """)
        }
        migrator.registerMigration("v9-confidentiality") { db in
            // Field-level encryption of personal data (docs/ARCHITECTURE.md,
            // "Confidentiality"): division keys, their grants, writer keys
            // and the recovery key's public half are replicated records; the
            // blind index of words and its work queue are this node's own.
            try db.execute(sql: """
                ALTER TABLE member ADD COLUMN encryptionKey TEXT;
                CREATE TABLE divisionKey (
                    rid INTEGER PRIMARY KEY,
                    keyId TEXT NOT NULL UNIQUE,
                    division TEXT, publicKey TEXT, createdAt INTEGER,
                    clocks BLOB NOT NULL
                );
                CREATE INDEX divisionKey_division ON divisionKey (division, createdAt);
                CREATE TABLE keyGrant (
                    rid INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    keyId TEXT, recipient TEXT, wrapped TEXT, revoked INTEGER, recipientKey TEXT,
                    clocks BLOB NOT NULL
                );
                CREATE TABLE writerKey (
                    rid INTEGER PRIMARY KEY,
                    writerKeyId TEXT NOT NULL UNIQUE,
                    division TEXT, divisionKeyId TEXT, wrapped TEXT, writer TEXT,
                    clocks BLOB NOT NULL
                );
                CREATE TABLE recoveryKey (
                    rid INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    publicKey TEXT, createdAt INTEGER,
                    clocks BLOB NOT NULL
                );
                -- The keyed blind index (SearchTokens): token, complaint rowid.
                CREATE TABLE searchToken (
                    token INTEGER NOT NULL,
                    complaint INTEGER NOT NULL,
                    PRIMARY KEY (token, complaint)
                ) WITHOUT ROWID;
                CREATE INDEX searchToken_complaint ON searchToken (complaint);
                -- Complaints whose personal text changed through a peer and
                -- whose index entries are still to be made (SearchIndex).
                CREATE TABLE searchPending (complaint TEXT PRIMARY KEY) WITHOUT ROWID;
                -- Division keys whose complaints this node has queued for the index.
                CREATE TABLE searchIndexedKey (keyId TEXT PRIMARY KEY) WITHOUT ROWID;
                -- Complaints above this rowid are still to be indexed (new ones need
                -- no queueing). From 0, so a store of an earlier version, which
                -- searched its plain text directly, has all of its complaints indexed.
                CREATE TABLE searchIndexedUpTo (id INTEGER PRIMARY KEY CHECK (id = 1), rid INTEGER NOT NULL);
                INSERT INTO searchIndexedUpTo (id, rid) VALUES (1, 0);
                -- History text of an earlier version, sealed by the upgrade (RecordSchema.eventText).
                CREATE TABLE eventText (
                    rid INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    complaint TEXT, text TEXT,
                    clocks BLOB NOT NULL
                );
                CREATE INDEX eventText_complaint ON eventText (complaint);
                -- A row here: plain personal text of an earlier version (or of a
                -- peer running one) is waiting to be sealed (sealEarlierPlainText).
                CREATE TABLE sealPending (id INTEGER PRIMARY KEY CHECK (id = 1)) WITHOUT ROWID;
                INSERT INTO sealPending (id) SELECT 1 WHERE EXISTS (SELECT 1 FROM complaint);
                """)
        }
        migrator.registerMigration("v10-promises") { db in
            // Promises in working time (docs/KPIS.md, "Due times"): each
            // division's promises as stated and its calendar; public holidays
            // as replicated records; on each complaint the promise it is
            // measured against, its holds, its outcome and the redress paid.
            // A division of an earlier version keeps its meaning: empty
            // promise columns read as `ackHours` hours and `respondDays` days.
            try db.execute(sql: """
                ALTER TABLE division ADD COLUMN ackPromise TEXT;
                ALTER TABLE division ADD COLUMN respondPromise TEXT;
                ALTER TABLE division ADD COLUMN supervisorPromise TEXT;
                ALTER TABLE division ADD COLUMN managementPromise TEXT;
                ALTER TABLE division ADD COLUMN timeZone TEXT;
                ALTER TABLE division ADD COLUMN workingDays TEXT;
                ALTER TABLE division ADD COLUMN workingHours TEXT;
                CREATE TABLE holiday (
                    rid INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    division TEXT, date TEXT, removed INTEGER,
                    clocks BLOB NOT NULL
                );
                CREATE INDEX holiday_division ON holiday (division, date);
                ALTER TABLE complaint ADD COLUMN respondPromise TEXT;
                ALTER TABLE complaint ADD COLUMN holdState INTEGER;
                ALTER TABLE complaint ADD COLUMN heldSince INTEGER;
                ALTER TABLE complaint ADD COLUMN outcome TEXT;
                ALTER TABLE complaint ADD COLUMN redressMinor INTEGER;
                ALTER TABLE complaint ADD COLUMN redressCurrency TEXT;
                ALTER TABLE complaint ADD COLUMN escalationDueAt INTEGER;
                -- The report's covering index (v4) also carries what the outcome
                -- KPIs and a paused clock need; the inbox's (v8) the hold.
                DROP INDEX complaint_report;
                CREATE INDEX complaint_report ON complaint (
                    division, category, rootCause, channel, receivedAt, stage, level,
                    acknowledgedAt, respondedAt, closedAt, ackDueAt, respondDueAt, referredAt,
                    firstContact, csat, nps, holdState, outcome, remedy, redressCurrency, redressMinor);
                DROP INDEX complaint_open;
                CREATE INDEX complaint_open ON complaint (
                    division, receivedAt, id, assignee, level, stage, acknowledgedAt, ackDueAt, respondDueAt,
                    holdState, escalationDueAt
                ) WHERE stage % 16 < 5;
                """)
        }
        migrator.registerMigration("v11-checksums") { db in
            // Faults (docs/ARCHITECTURE.md, "Damage and repair"): a checksum of
            // each replicated row's values and clocks, which the triggers of
            // `RecordChecksum.install` keep (they are made, and the checksums
            // computed, when the store opens); and, per origin, the counter
            // from which this node asks its peers for changes again because a
            // record they wrote was found damaged and set aside (`ReplicaTable.Refetch`).
            for table in ["complaint", "division", "taxon", "member", "customerCount", "account", "apiToken", "replyTemplate",
                          "divisionKey", "keyGrant", "writerKey", "recoveryKey", "eventText", "holiday", "event", "tag"] {
                try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN checksum INTEGER")
            }
            try db.execute(sql: """
                ALTER TABLE replica ADD COLUMN refetchAfter INTEGER;
                ALTER TABLE replica ADD COLUMN refetchUpTo INTEGER;
                ALTER TABLE replica ADD COLUMN refetchIncomplete INTEGER;
                ALTER TABLE replica ADD COLUMN refetchMisses INTEGER;
                -- Local: how far each peer's clock was from this node's at the last contact.
                ALTER TABLE peerStatus ADD COLUMN clockOffsetMillis INTEGER;
                -- What a check found damaged and set aside, for the operator:
                -- which table and row, never its values.
                CREATE TABLE damagedRecord (
                    rid INTEGER PRIMARY KEY,
                    tableName TEXT NOT NULL,
                    label TEXT,
                    foundAt INTEGER NOT NULL,
                    repairedAt INTEGER
                );
                """)
        }
        migrator.registerMigration("v12-referenceChanges-escalationReport") { db in
            // Who changed which division's promises, calendar and holidays,
            // and which taxonomy entries, and how (`ReferenceChange`): a
            // replicated, grow-only log.
            try db.execute(sql: """
                CREATE TABLE referenceChange (
                    rid INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    subject TEXT, user TEXT, at INTEGER, summary TEXT,
                    clocks BLOB NOT NULL,
                    checksum INTEGER
                );
                CREATE INDEX referenceChange_subject ON referenceChange (subject, at);
                CREATE INDEX referenceChange_at ON referenceChange (at);
                -- The report's covering index (v4, v10) also carries the escalation
                -- level's due time: escalation_within_promise and overdue read it.
                DROP INDEX complaint_report;
                CREATE INDEX complaint_report ON complaint (
                    division, category, rootCause, channel, receivedAt, stage, level,
                    acknowledgedAt, respondedAt, closedAt, ackDueAt, respondDueAt, referredAt,
                    firstContact, csat, nps, holdState, outcome, remedy, redressCurrency, redressMinor, escalationDueAt);
                """)
        }
        migrator.registerMigration("v13-eventTime") { db in
            // When each history entry's event happened (`HistoryEvent.at`), as
            // distinct from its change's hybrid stamp: entries of earlier
            // versions have none and show their stamp's time. The checksum
            // triggers cover the new column once the store opens (`RecordChecksum.install`).
            try db.execute(sql: "ALTER TABLE event ADD COLUMN at INTEGER")
        }
        migrator.registerMigration("v14-reportCells") { db in
            // Head-office reports at scale (docs/ARCHITECTURE.md, "Report
            // cells"): this node's own summaries of its complaints, never
            // replicated and not in the digest. A cell sums the closed-out
            // complaints of one (division, month of receipt, category,
            // channel); `data` is `ReportCell`'s encoding, `checksum` its
            // hash. The triggers mark a (division, month) stale in the same
            // transaction as any change to what a report reads of one of its
            // complaints (the columns of complaint_report, and timeliness
            // tags), from a local write, a peer's batch or a repair alike; a
            // report reads stale months from the complaints themselves until
            // they are summed again. No state row: never built.
            try db.execute(sql: """
                CREATE TABLE reportCell (
                    division TEXT NOT NULL,
                    month TEXT NOT NULL,
                    category TEXT,
                    channel TEXT,
                    data BLOB NOT NULL,
                    checksum INTEGER NOT NULL
                );
                CREATE INDEX reportCell_month ON reportCell (month, division);
                CREATE TABLE reportCellStale (
                    division TEXT NOT NULL,
                    month TEXT NOT NULL,
                    PRIMARY KEY (division, month)
                ) WITHOUT ROWID;
                CREATE TABLE reportCellState (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    layout INTEGER NOT NULL,
                    cells INTEGER NOT NULL
                );
                CREATE TRIGGER complaint_reportCell_insert AFTER INSERT ON complaint
                WHEN NEW.division IS NOT NULL AND NEW.receivedAt IS NOT NULL BEGIN
                    INSERT OR IGNORE INTO reportCellStale VALUES (NEW.division, strftime('%Y-%m', NEW.receivedAt / 1000, 'unixepoch'));
                END;
                CREATE TRIGGER complaint_reportCell_update AFTER UPDATE OF
                    division, category, rootCause, channel, receivedAt, stage, level,
                    acknowledgedAt, respondedAt, closedAt, ackDueAt, respondDueAt, referredAt,
                    firstContact, csat, nps, holdState, outcome, remedy, redressCurrency, redressMinor, escalationDueAt
                ON complaint BEGIN
                    INSERT OR IGNORE INTO reportCellStale
                        SELECT OLD.division, strftime('%Y-%m', OLD.receivedAt / 1000, 'unixepoch')
                        WHERE OLD.division IS NOT NULL AND OLD.receivedAt IS NOT NULL;
                    INSERT OR IGNORE INTO reportCellStale
                        SELECT NEW.division, strftime('%Y-%m', NEW.receivedAt / 1000, 'unixepoch')
                        WHERE NEW.division IS NOT NULL AND NEW.receivedAt IS NOT NULL
                          AND (OLD.division IS NOT NEW.division OR OLD.receivedAt IS NOT NEW.receivedAt);
                END;
                CREATE TRIGGER complaint_reportCell_delete AFTER DELETE ON complaint
                WHEN OLD.division IS NOT NULL AND OLD.receivedAt IS NOT NULL BEGIN
                    INSERT OR IGNORE INTO reportCellStale VALUES (OLD.division, strftime('%Y-%m', OLD.receivedAt / 1000, 'unixepoch'));
                END;
                CREATE TRIGGER tag_reportCell_insert AFTER INSERT ON tag BEGIN
                    INSERT OR IGNORE INTO reportCellStale
                        SELECT division, strftime('%Y-%m', receivedAt / 1000, 'unixepoch') FROM complaint
                        WHERE id = NEW.complaint AND division IS NOT NULL AND receivedAt IS NOT NULL;
                END;
                CREATE TRIGGER tag_reportCell_update AFTER UPDATE ON tag BEGIN
                    INSERT OR IGNORE INTO reportCellStale
                        SELECT division, strftime('%Y-%m', receivedAt / 1000, 'unixepoch') FROM complaint
                        WHERE id IN (OLD.complaint, NEW.complaint) AND division IS NOT NULL AND receivedAt IS NOT NULL;
                END;
                """)
        }
        migrator.registerMigration("v15-openComplaintsCoverReports") { db in
            // A report over the report cells reads afresh the open complaints
            // whose counts still depend on "now" (within a promise: the
            // cells' unsettled ones). complaint_open (v10) lacked the columns
            // of the report's cohort that the inbox does not read, so each
            // cost a lookup of its wide row (0.3 s for 72,000 open complaints
            // in 1,000,000, docs/BENCHMARKS.md). Now it covers the cohort too.
            // The inbox's columns stay first, in the same order; a lifecycle
            // step rewrites an open complaint's entry anyway, and a complaint
            // leaves the index when it closes.
            try db.execute(sql: """
                DROP INDEX complaint_open;
                CREATE INDEX complaint_open ON complaint (
                    division, receivedAt, id, assignee, level, stage, acknowledgedAt, ackDueAt, respondDueAt,
                    holdState, escalationDueAt,
                    channel, category, rootCause, respondedAt, closedAt, referredAt, firstContact, csat, nps,
                    outcome, remedy, redressCurrency, redressMinor
                ) WHERE stage % 16 < 5;
                """)
        }
        return migrator
    }
}
