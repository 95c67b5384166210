/**
 * A tiny local stand-in for the GitHub REST endpoints we call: issue comments (list, create,
 * update), pull requests of a commit, issues (list, create, update) and the authenticated user.
 * Listens on 127.0.0.1, port 0; records every request; routes can be switched to answer 403.
 *
 * It answers like GitHub: every comment and issue has a `user` ({login, type}); what the action
 * posts is written by the identity of its token — `github-actions[bot]` (type Bot) for an
 * installation token (`ghs_…`, the GITHUB_TOKEN), else the PAT's user. GET /user answers 403 for
 * an installation token (as GitHub does) and the user for a PAT. Comments by other people (an
 * attacker on the pull request) are added with `addComment`.
 */
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export type FakeRoute =
  | 'list-comments'
  | 'create-comment'
  | 'update-comment'
  | 'commit-pulls'
  | 'list-issues'
  | 'create-issue'
  | 'update-issue'
  | 'get-user';

/** Who wrote a comment or issue, as GitHub's `user` object has it. */
export interface FakeUser {
  readonly login: string;
  readonly type: 'Bot' | 'User';
}

/** The Actions GITHUB_TOKEN's identity. */
export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };
/** The user behind any token that is not an installation token. */
export const PAT_USER: FakeUser = { login: 'release-pat-user', type: 'User' };

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: FakeUser;
}

export interface FakeIssue {
  number: number;
  user?: FakeUser;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason?: string;
  labels: string[];
  /** Set for pull requests, which the issues list also returns. */
  isPullRequest?: boolean;
}

export interface FakePull {
  number: number;
  mergedAt: string | null;
  mergeCommitSha: string;
}

export interface RecordedRequest {
  readonly route: FakeRoute | 'unknown';
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly authorization: string | undefined;
}

export interface GitHubFake {
  /** Base URL to use as GITHUB_API_URL / apiUrl. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly comments: FakeComment[];
  readonly issues: FakeIssue[];
  /** Pull requests associated with a commit sha. */
  readonly pullsByCommit: Map<string, FakePull[]>;
  /** Routes that answer 403 "Resource not accessible by integration". */
  readonly forbidden: Set<FakeRoute>;
  /** Adds a comment written by someone else (not through the API as the action's token). */
  addComment(issue: number, body: string, user: FakeUser): FakeComment;
  close(): Promise<void>;
}

interface Match {
  readonly route: FakeRoute;
  readonly params: readonly string[];
}

const ROUTES: readonly { method: string; pattern: RegExp; route: FakeRoute }[] = [
  { method: 'GET', pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/, route: 'list-comments' },
  { method: 'POST', pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/, route: 'create-comment' },
  { method: 'PATCH', pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/, route: 'update-comment' },
  { method: 'GET', pattern: /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/pulls$/, route: 'commit-pulls' },
  { method: 'GET', pattern: /^\/repos\/[^/]+\/[^/]+\/issues$/, route: 'list-issues' },
  { method: 'POST', pattern: /^\/repos\/[^/]+\/[^/]+\/issues$/, route: 'create-issue' },
  { method: 'PATCH', pattern: /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/, route: 'update-issue' },
  { method: 'GET', pattern: /^\/user$/, route: 'get-user' },
];

/** The identity a token posts as. */
export function userOfToken(authorization: string | undefined): FakeUser {
  const token = (authorization ?? '').replace(/^(token|bearer)\s+/i, '');
  return token.startsWith('ghs_') ? ACTIONS_BOT : PAT_USER;
}

const userJson = (u: FakeUser) => ({ login: u.login, type: u.type, id: u.login.length });

function match(method: string, path: string): Match | undefined {
  for (const r of ROUTES) {
    const m = r.method === method ? r.pattern.exec(path) : null;
    if (m) return { route: r.route, params: m.slice(1) };
  }
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Slices a list into the requested page and sets the Link header Octokit follows. */
function sendPage(res: ServerResponse, url: URL, items: readonly unknown[], maxPerPage: number): void {
  const perPage = Math.min(Number(url.searchParams.get('per_page') ?? '30'), maxPerPage);
  const page = Number(url.searchParams.get('page') ?? '1');
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers: Record<string, string> = {};
  if (page * perPage < items.length) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  send(res, 200, slice, headers);
}

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
}

const issueJson = (i: FakeIssue) => ({
  number: i.number,
  user: userJson(i.user ?? ACTIONS_BOT),
  title: i.title,
  body: i.body,
  state: i.state,
  state_reason: i.stateReason ?? null,
  labels: i.labels.map((name) => ({ name })),
  ...(i.isPullRequest ? { pull_request: { url: 'x' } } : {}),
});

interface FakeState {
  readonly requests: RecordedRequest[];
  readonly comments: FakeComment[];
  readonly issues: FakeIssue[];
  readonly pullsByCommit: Map<string, FakePull[]>;
  readonly forbidden: Set<FakeRoute>;
  readonly maxPerPage: number;
  nextId: number;
}

/** What a route handler gets: the parsed request and the fake's state. */
interface Call {
  readonly res: ServerResponse;
  readonly url: URL;
  readonly body: unknown;
  /** The number or sha captured from the path. */
  readonly param: string;
  readonly state: FakeState;
  /** Who the request's token is. */
  readonly user: FakeUser;
}

const commentJson = (c: FakeComment) => ({ id: c.id, body: c.body, user: userJson(c.user) });

function createComment({ res, body, param, state, user }: Call): void {
  const comment = { id: state.nextId++, issue: Number(param), body: String(field(body, 'body')), user };
  state.comments.push(comment);
  send(res, 201, commentJson(comment));
}

function updateComment({ res, body, param, state, user }: Call): void {
  const comment = state.comments.find((c) => c.id === Number(param));
  if (!comment) return send(res, 404, { message: 'Not Found' });
  // GitHub lets a token edit only its own comments (a repository admin aside).
  if (comment.user.login !== user.login) return send(res, 403, { message: 'Must have admin rights' });
  comment.body = String(field(body, 'body'));
  send(res, 200, commentJson(comment));
}

function listIssues({ res, url, state }: Call): void {
  const wanted = url.searchParams.get('state') ?? 'open';
  const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
  const list = state.issues.filter(
    (i) => (wanted === 'all' || i.state === wanted) && labels.every((l) => i.labels.includes(l)),
  );
  sendPage(res, url, list.map(issueJson), state.maxPerPage);
}

function createIssue({ res, body, state, user }: Call): void {
  const labels = field(body, 'labels');
  const issue: FakeIssue = {
    number: state.issues.length + 1,
    user,
    title: String(field(body, 'title')),
    body: String(field(body, 'body')),
    state: 'open',
    labels: Array.isArray(labels) ? labels.map(String) : [],
  };
  state.issues.push(issue);
  send(res, 201, issueJson(issue));
}

function updateIssue({ res, body, param, state }: Call): void {
  const issue = state.issues.find((i) => i.number === Number(param));
  if (!issue) return send(res, 404, { message: 'Not Found' });
  const [newBody, newState, reason, title] = ['body', 'state', 'state_reason', 'title'].map((k) =>
    field(body, k),
  );
  if (typeof newBody === 'string') issue.body = newBody;
  if (newState === 'open' || newState === 'closed') issue.state = newState;
  if (typeof reason === 'string') issue.stateReason = reason;
  if (typeof title === 'string') issue.title = title;
  send(res, 200, issueJson(issue));
}

const HANDLERS: Record<FakeRoute, (call: Call) => void> = {
  'list-comments': ({ res, url, param, state }) =>
    sendPage(
      res,
      url,
      state.comments.filter((c) => c.issue === Number(param)).map(commentJson),
      state.maxPerPage,
    ),
  'create-comment': createComment,
  'update-comment': updateComment,
  'commit-pulls': ({ res, param, state }) =>
    send(
      res,
      200,
      (state.pullsByCommit.get(param) ?? []).map((pr) => ({
        number: pr.number,
        merged_at: pr.mergedAt,
        merge_commit_sha: pr.mergeCommitSha,
      })),
    ),
  'list-issues': listIssues,
  'create-issue': createIssue,
  'update-issue': updateIssue,
  'get-user': ({ res, user }) =>
    user.type === 'Bot'
      ? send(res, 403, { message: 'Resource not accessible by integration' })
      : send(res, 200, userJson(user)),
};

/** Records the request, then answers it: 404 off-route, 403 when forbidden, else the handler. */
async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  base: string,
  state: FakeState,
): Promise<void> {
  const url = new URL(req.url ?? '/', base);
  const body = await readJson(req);
  const m = match(req.method ?? 'GET', url.pathname);
  state.requests.push({
    route: m?.route ?? 'unknown',
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body,
    authorization: req.headers.authorization,
  });
  if (!m) return send(res, 404, { message: 'Not Found' });
  if (state.forbidden.has(m.route))
    return send(res, 403, { message: 'Resource not accessible by integration' });
  const user = userOfToken(req.headers.authorization);
  HANDLERS[m.route]({ res, url, body, param: m.params[0] ?? '', state, user });
}

/** Starts the fake. `maxPerPage` caps page sizes so tests can exercise pagination. */
export async function startGitHubFake(options: { maxPerPage?: number } = {}): Promise<GitHubFake> {
  const state: FakeState = {
    requests: [],
    comments: [],
    issues: [],
    pullsByCommit: new Map(),
    forbidden: new Set(),
    maxPerPage: options.maxPerPage ?? 100,
    nextId: 1000,
  };
  let base = '';
  const server = createServer((req, res) => {
    handle(req, res, base, state).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { requests, comments, issues, pullsByCommit, forbidden } = state;
  return {
    url: base,
    requests,
    comments,
    issues,
    pullsByCommit,
    forbidden,
    addComment: (issue, body, user) => {
      const comment = { id: state.nextId++, issue, body, user };
      comments.push(comment);
      return comment;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** One GitHub event as the runner presents it to an action. */
export interface RunnerEvent {
  readonly name: string;
  readonly payload: unknown;
  readonly sha: string;
}

/**
 * The GITHUB_* variables of a run on `event` against the fake: the event payload is written to
 * `dir` (GITHUB_EVENT_PATH), the repository is `acme/ops-scripts`.
 */
export async function githubRunnerEnv(
  fake: GitHubFake,
  dir: string,
  event: RunnerEvent,
): Promise<Record<string, string>> {
  const eventPath = join(dir, `event-${event.name}.json`);
  await writeFile(eventPath, JSON.stringify(event.payload));
  return {
    GITHUB_API_URL: fake.url,
    GITHUB_REPOSITORY: 'acme/ops-scripts',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: event.sha,
    GITHUB_SERVER_URL: 'https://github.example',
  };
}
