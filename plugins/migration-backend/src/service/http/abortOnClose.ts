import type express from 'express';

/** An AbortSignal that fires when the client goes away before the answer is ready. */
export function abortOnClose(
  req: express.Request,
  res: express.Response,
): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  req.on('aborted', () => controller.abort());
  return controller.signal;
}
