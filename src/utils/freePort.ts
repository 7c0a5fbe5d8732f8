export async function freePort(host = '127.0.0.1'): Promise<number> {
  // Loaded here, not at the top: only the smoke test needs a port, and
  // node:net costs about 2 ms of every run's start-up.
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
