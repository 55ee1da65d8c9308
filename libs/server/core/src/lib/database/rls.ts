/**
 * Row-level security: the policy every tenant table carries. The tenant id is
 * set transaction-locally with set_config('app.tenant_id', $1, true); outside a
 * tenant transaction it is unset or '' and the policy matches nothing.
 */
export const TENANT_SETTING = 'app.tenant_id';
export const CURRENT_TENANT_SQL = `NULLIF(current_setting('${TENANT_SETTING}', true), '')::uuid`;

export function enableTenantIsolationSql(table: string): string[] {
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = ${CURRENT_TENANT_SQL}) WITH CHECK (tenant_id = ${CURRENT_TENANT_SQL})`,
  ];
}
