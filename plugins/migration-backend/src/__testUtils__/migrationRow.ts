/** A minimal `migrations` row (id `m1`), for tests of tables that reference one. */
export const MIGRATION_ROW = {
  id: 'm1',
  title: 't',
  status: 'running',
  source_environment_id: 'dc1',
  target: '{}',
  entity_refs: '[]',
  owner: 'group:default/a',
  requested_by: 'user:default/a',
  options: '{}',
  gated_phases: '[]',
  created_at: 1,
  updated_at: 1,
};
