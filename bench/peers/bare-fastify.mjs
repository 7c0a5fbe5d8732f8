// Case 1: bare Fastify 5 serving the item JSON from a Map, with the fastify
// copy of the generated project (FASTIFY_FROM) so the versions match.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const from = process.env.FASTIFY_FROM ? path.join(process.env.FASTIFY_FROM, 'package.json') : import.meta.url;
const { default: Fastify } = await import(pathToFileURL(createRequire(from).resolve('fastify')).href);
const item = JSON.parse(process.env.ITEM_JSON);
const items = new Map([[String(item.id), item]]);

const app = Fastify();
app.get('/items/:id', async (req, reply) => items.get(req.params.id) ?? reply.code(404).send({ message: 'Item not found' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.stdout.write(`bare fastify ${app.version} on ${process.env.PORT}\n`);
for (const sig of ['SIGTERM', 'SIGINT']) process.once(sig, () => app.close().then(() => process.exit(0)));
