/**
 * The ideal client of `npm run bench` (bench/README.md): the least any client can do for the
 * benchmark's plan or apply. Plain JavaScript on node:http only (no TypeScript loader, no
 * dependency), 8 keep-alive sockets that never idle while work is queued, no definitions to load.
 * It lists every page (the next page jumps the queue) and starts each listed script's GET as its
 * page arrives; for apply it PUTs each script named in the writes file once its GET is in, then
 * reads it back, as the action does. It stops paging like the action: on a short page.
 *
 * Usage: node bench/ideal-client.mjs BASE_URL TOKEN CONCURRENCY [WRITES_JSON]
 *   WRITES_JSON: a file with { "<script name>": <modify body>, ... } (apply); omitted = plan.
 * Prints one JSON line: { requests, listed, written }. Exits 1 on any non-2xx answer.
 */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import process from 'node:process';
import { URL } from 'node:url';

const [base = '', token = '', concurrency = '8', writesFile] = process.argv.slice(2);
const slots = Number(concurrency);
const writes = writesFile ? JSON.parse(readFileSync(writesFile, 'utf8')) : {};
const agent = new Agent({ keepAlive: true, maxSockets: slots });
const PAGE = 100;
const urgent = [];
const queue = [];
let inFlight = 0;
let requests = 0;
let listed = 0;
let written = 0;

/** Queues one call; `then` receives the parsed `data` of the answer. */
function call(method, path, body, then, first = false) {
  (first ? urgent : queue).push({ method, path, body, then });
  pump();
}

function pump() {
  while (inFlight < slots && (urgent.length > 0 || queue.length > 0)) send(urgent.shift() ?? queue.shift());
  if (inFlight === 0) finish();
}

function send({ method, path, body, then }) {
  inFlight += 1;
  requests += 1;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers = { 'X-Auth-Token': token, 'Content-Type': 'application/json' };
  if (text !== undefined) headers['Content-Length'] = Buffer.byteLength(text);
  const req = request(new URL(path, base), { method, headers, agent }, (res) => {
    const chunks = [];
    res.on('data', (chunk) => chunks.push(chunk));
    res.on('end', () => {
      const answer = Buffer.concat(chunks).toString('utf8');
      if (res.statusCode < 200 || res.statusCode > 299)
        fail(`${method} ${path}: ${res.statusCode} ${answer}`);
      inFlight -= 1;
      then(JSON.parse(answer).data);
      pump();
    });
  });
  req.on('error', (error) => fail(`${method} ${path}: ${error.message}`));
  req.end(text);
}

function listFrom(marker) {
  const query = marker === undefined ? '' : `&marker=${marker}`;
  call(
    'GET',
    `/v1/job/scripts?limit=${PAGE}${query}`,
    undefined,
    (page) => {
      const items = page?.data ?? [];
      listed += items.length;
      const last = items.at(-1);
      if (items.length === PAGE && last) listFrom(last.id);
      for (const item of items)
        call('GET', `/v1/job/scripts/${item.script_uuid}`, undefined, () => write(item));
    },
    true,
  );
}

function write(item) {
  const body = writes[item.name];
  if (body === undefined) return;
  const path = `/v1/job/scripts/${item.script_uuid}`;
  call('PUT', path, body, () => call('GET', path, undefined, () => (written += 1)));
}

function finish() {
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ requests, listed, written })}\n`);
}

function fail(message) {
  process.stderr.write(`ideal client: ${message}\n`);
  process.exit(1);
}

listFrom(undefined);
