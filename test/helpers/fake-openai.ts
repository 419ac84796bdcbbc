/**
 * A stand-in for an OpenAI-compatible model server (Ollama, llama.cpp, vLLM)
 * speaking the real wire protocol of POST /v1/chat/completions: JSON replies,
 * and with `stream: true` SSE `chat.completion.chunk` frames ending in
 * `data: [DONE]`. It only plays the model; what Quire does with it is real.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeBehaviour =
  /** Answers with the first sentence of the first source, citing its id. */
  | 'cite'
  /** Like 'cite', plus a citation of an id that was never retrieved. */
  | 'cite-unknown'
  /** A plausible answer with no citation at all. */
  | 'no-citations'
  | 'http-500'
  /** Streams a few tokens, then drops the connection. */
  | 'cut-stream'
  /** Answers only after `slowMs`. */
  | 'slow'
  /** 200 with a body that is not the protocol. */
  | 'garbage'
  /** Streams `reply` (or the 'cite' answer) one word every `tokenDelayMs`, then keeps going with filler words until the client hangs up. */
  | 'endless';

/** A source as the answer prompt listed it. */
export interface PromptSource {
  id: string;
  title: string;
  text: string;
}

export interface FakeLlm {
  url: string;
  behaviour: FakeBehaviour;
  slowMs: number;
  /** What a rewrite request is answered with. */
  rewriteReply: string;
  /** When set, what an answer request is answered with (instead of the behaviour's text), given the prompt's sources. */
  reply: ((sources: PromptSource[], question: string) => string) | null;
  /** Pause between streamed pieces. @default 5 */
  tokenDelayMs: number;
  /** The models GET /v1/models lists. */
  models: string[];
  /** Prompts received, in order. */
  prompts: string[];
  /** Chat requests whose client closed the connection before the reply was complete. */
  abandoned: number;
  /** Resolves at the next abandoned request. */
  nextAbandon(): Promise<void>;
  close(): Promise<void>;
}

const SOURCE = /^\[([^\]]+)\] \(([^)]*)\)\n(.+)$/gm;
const QUESTION = /^Question: (.*)$/m;

/** The sources listed in an answer prompt, in order. */
export function promptSources(prompt: string): PromptSource[] {
  return [...prompt.matchAll(SOURCE)].map((m) => ({ id: m[1]!, title: m[2]!, text: m[3]! }));
}

export async function startFakeLlm(): Promise<FakeLlm> {
  let abandonWaiters: (() => void)[] = [];
  const fake: FakeLlm = {
    url: '',
    behaviour: 'cite',
    slowMs: 5_000,
    rewriteReply: '',
    reply: null,
    tokenDelayMs: 5,
    models: ['fake-model'],
    prompts: [],
    abandoned: 0,
    nextAbandon: () => new Promise((resolve) => abandonWaiters.push(resolve)),
    close: async () => {},
  };

  const server = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url?.endsWith('/models')) {
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: fake.models.map((id) => ({ id, object: 'model', owned_by: 'fake' })) }));
    }
    if (!req.url?.endsWith('/chat/completions')) return void res.writeHead(404).end();
    const body = JSON.parse(await readBody(req)) as { model: string; stream?: boolean; messages: { content: string }[] };
    const prompt = body.messages.map((m) => m.content).join('\n');
    fake.prompts.push(prompt);
    let cut = false;
    res.on('close', () => {
      if (res.writableFinished || cut) return;
      fake.abandoned += 1;
      for (const resolve of abandonWaiters) resolve();
      abandonWaiters = [];
    });

    const isRewrite = prompt.includes('Standalone question:');
    const sources = promptSources(prompt);
    const source = sources[0];
    const firstSentence = source?.text.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? source?.text ?? 'Nothing.';
    let reply = isRewrite ? fake.rewriteReply : (fake.reply?.(sources, QUESTION.exec(prompt)?.[1] ?? '') ?? `${firstSentence} [${source?.id}]`);
    if (!isRewrite && fake.behaviour === 'cite-unknown') reply += ' It was also reported elsewhere [invented-doc:42].';
    if (!isRewrite && fake.behaviour === 'no-citations') reply = 'They met and talked about many things.';

    switch (isRewrite ? 'cite' : fake.behaviour) {
      case 'http-500':
        return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'model crashed', type: 'server_error' } }));
      case 'garbage':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json</html>');
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fake.slowMs));
        if (res.destroyed) return;
    }
    if (!body.stream) {
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }),
      );
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const pieces = reply.match(/\S+\s*/g) ?? [];
    const frame = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    res.write(frame({ role: 'assistant', content: '' }, null));
    const endless = !isRewrite && fake.behaviour === 'endless';
    for (let i = 0; i < pieces.length || endless; i++) {
      if (!isRewrite && fake.behaviour === 'cut-stream' && i === 3) return void ((cut = true), res.destroy());
      if (res.destroyed) return;
      res.write(frame({ content: pieces[i] ?? 'and so on ' }, null));
      await new Promise((resolve) => setTimeout(resolve, fake.tokenDelayMs));
    }
    res.write(frame({}, 'stop'));
    res.end('data: [DONE]\n\n');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

