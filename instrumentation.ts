/**
 * Opens the database, applies migrations and starts the in-process job workers when the server
 * starts, not on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { boot } = await import('./server/boot');
    await boot();
  }
}
