/** JWT_SECRET of the production-mode servers the suite starts. */
export const E2E_JWT_SECRET = 'e2e-only-jwt-secret-0123456789abcdef0123';

/**
 * Registers a fresh account on a running generated service and logs it in:
 * the headers a write needs (projects are generated with auth on, the default).
 */
export async function signUp(base: string): Promise<{ authorization: string }> {
  const account = { email: `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`, password: 'e2e password of enough length' };
  const post = (path: string, body: object) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const registered = await post('/auth/register', { ...account, name: 'E2E' });
  if (registered.status !== 201) throw new Error(`register answered ${registered.status}: ${await registered.text()}`);
  const login = await post('/auth/login', account);
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  return { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
}
