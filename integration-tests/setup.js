// Integration suites share one PostgreSQL server; keep the ORM quiet and the
// CLI from phoning home.
process.env.MEDUSA_DISABLE_TELEMETRY = "true"
