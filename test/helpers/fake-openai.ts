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
  | 'garbage';

export interface FakeLlm {
  url: string;
  behaviour: FakeBehaviour;
  slowMs: number;
  /** What a rewrite request is answered with. */
  rewriteReply: string;
  /** Prompts received, in order. */
  prompts: string[];
  close(): Promise<void>;
}

const SOURCE = /^\[([^\]]+)\] \([^)]*\)\n(.+)$/m;

export async function startFakeLlm(): Promise<FakeLlm> {
  const fake: FakeLlm = { url: '', behaviour: 'cite', slowMs: 5_000, rewriteReply: '', prompts: [], close: async () => {} };

  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as { model: string; stream?: boolean; messages: { content: string }[] };
    const prompt = body.messages.map((m) => m.content).join('\n');
    fake.prompts.push(prompt);
    if (!req.url?.endsWith('/chat/completions')) return void res.writeHead(404).end();

    const isRewrite = prompt.includes('Standalone question:');
    const source = SOURCE.exec(prompt);
    const firstSentence = source?.[2]?.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? source?.[2] ?? 'Nothing.';
    let reply = isRewrite ? fake.rewriteReply : `${firstSentence} [${source?.[1]}]`;
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
    for (const [i, piece] of pieces.entries()) {
      if (!isRewrite && fake.behaviour === 'cut-stream' && i === 3) return void res.destroy();
      res.write(frame({ content: piece }, null));
      await new Promise((resolve) => setTimeout(resolve, 5));
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

