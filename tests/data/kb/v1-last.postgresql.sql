-- The tables custodes made at commit 6c694bf (version 1, the last before the version table),
-- compiled for postgresql from that commit's src/custodes/store/schema.py
-- (tests/test_migrations.py builds an older knowledge base from it).

CREATE TABLE changes (
	id SERIAL NOT NULL,
	at TIMESTAMP WITH TIME ZONE NOT NULL,
	who TEXT NOT NULL,
	action VARCHAR(32) NOT NULL,
	payload JSON NOT NULL,
	PRIMARY KEY (id)
);

CREATE TABLE decisions (
	id SERIAL NOT NULL,
	kind VARCHAR(16) NOT NULL,
	a TEXT NOT NULL,
	b TEXT NOT NULL,
	who TEXT NOT NULL,
	at TIMESTAMP WITH TIME ZONE NOT NULL,
	undone_at TIMESTAMP WITH TIME ZONE,
	PRIMARY KEY (id)
);

CREATE TABLE documents (
	id VARCHAR(64) NOT NULL,
	path TEXT NOT NULL,
	title TEXT,
	published VARCHAR(10),
	published_precision VARCHAR(5),
	language VARCHAR(8),
	kind VARCHAR(16),
	text TEXT NOT NULL,
	n_events INTEGER NOT NULL,
	ingested_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (id)
);

CREATE TABLE org_aliases (
	alias_key TEXT NOT NULL,
	org_key TEXT NOT NULL,
	alias TEXT NOT NULL,
	org TEXT NOT NULL,
	doc_id VARCHAR(64) NOT NULL,
	PRIMARY KEY (alias_key, org_key),
	FOREIGN KEY(doc_id) REFERENCES documents (id)
);

CREATE TABLE relations (
	id VARCHAR(64) NOT NULL,
	doc_id VARCHAR(64) NOT NULL,
	type VARCHAR(16) NOT NULL,
	subject TEXT NOT NULL,
	object TEXT,
	value TEXT,
	detail TEXT,
	amount FLOAT,
	currency VARCHAR(8),
	year INTEGER,
	number INTEGER,
	attrs JSON,
	date_from VARCHAR(10),
	date_until VARCHAR(10),
	country VARCHAR(2),
	quote TEXT NOT NULL,
	start INTEGER NOT NULL,
	"end" INTEGER NOT NULL,
	source TEXT,
	extractor VARCHAR(64) NOT NULL,
	confidence FLOAT NOT NULL,
	status VARCHAR(16) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(doc_id) REFERENCES documents (id)
);

CREATE INDEX ix_relations_doc ON relations (doc_id);

CREATE TABLE statements (
	id VARCHAR(64) NOT NULL,
	doc_id VARCHAR(64) NOT NULL,
	event_id VARCHAR(64),
	kind VARCHAR(8) NOT NULL,
	leg VARCHAR(4) NOT NULL,
	seq INTEGER NOT NULL,
	event_type VARCHAR(16),
	person TEXT,
	person_key TEXT,
	title TEXT,
	role VARCHAR(16),
	org TEXT,
	org_key TEXT,
	unit TEXT,
	post_key TEXT,
	position TEXT,
	date VARCHAR(10),
	date_precision VARCHAR(5),
	date_bound VARCHAR(10),
	quote TEXT NOT NULL,
	start INTEGER NOT NULL,
	"end" INTEGER NOT NULL,
	count INTEGER,
	extractor VARCHAR(64) NOT NULL,
	confidence FLOAT NOT NULL,
	acting BOOLEAN NOT NULL,
	from_position TEXT,
	status VARCHAR(16) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(doc_id) REFERENCES documents (id)
);

CREATE INDEX ix_statements_doc ON statements (doc_id);

CREATE INDEX ix_statements_org ON statements (org_key);

CREATE INDEX ix_statements_person ON statements (person_key);

CREATE INDEX ix_statements_post ON statements (post_key);
