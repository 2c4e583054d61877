/** The floor of a cold start: a function that loads nothing and answers a constant. */
export async function handler() {
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }
}
