/*
 * A scripted AWS endpoint for msw: each test says what the service answers to which operation
 * (in the service's own wire format, see mgnWire/ec2Wire/route53Wire), and every call is logged
 * in one list shared by the services of a test, so the exact sequence of cloud calls can be
 * asserted. An operation nobody scripted fails loudly.
 */
import { HttpResponse } from 'msw';

export interface LoggedCall {
  /** `mgn:StartTest`, `ec2:DescribeInstances`, `route53:GetChange` … */
  call: string;
  /** The parsed request: JSON body, form fields or query parameters (+ `body` text for XML). */
  request: Record<string, any>;
  at: number;
}

export type Reply =
  | Response
  | Record<string, unknown>
  | string
  | ((
      request: Record<string, any>,
    ) => Response | Record<string, unknown> | string);

export class CallLog {
  readonly calls: LoggedCall[] = [];
  names(prefix?: string): string[] {
    return this.calls
      .map(c => c.call)
      .filter(c => !prefix || c.startsWith(prefix));
  }
  requests(call: string): Array<Record<string, any>> {
    return this.calls.filter(c => c.call === call).map(c => c.request);
  }
  clear() {
    this.calls.length = 0;
  }
}

/** Replies per operation: queued ones first (each used once), then the standing one. */
export class Script {
  private readonly queued = new Map<string, Reply[]>();
  private readonly standing = new Map<string, Reply>();

  constructor(
    private readonly service: string,
    readonly log: CallLog,
    private readonly render: (
      reply: Record<string, unknown> | string,
      op: string,
    ) => Response,
  ) {}

  /** Answers the next calls of `op` with these replies, one each. */
  once(op: string, ...replies: Reply[]): this {
    this.queued.set(op, [...(this.queued.get(op) ?? []), ...replies]);
    return this;
  }

  /** Answers every call of `op` (after the queued replies) with `reply`. */
  always(op: string, reply: Reply): this {
    this.standing.set(op, reply);
    return this;
  }

  respond(op: string, request: Record<string, any>): Response {
    this.log.calls.push({
      call: `${this.service}:${op}`,
      request,
      at: Date.now(),
    });
    const reply = this.queued.get(op)?.shift() ?? this.standing.get(op);
    if (reply === undefined) {
      return HttpResponse.json(
        { message: `test script: no reply for ${this.service}:${op}` },
        {
          status: 500,
          headers: { 'x-amzn-ErrorType': 'InternalServerException' },
        },
      );
    }
    const value = typeof reply === 'function' ? reply(request) : reply;
    // A standing Response is answered many times: each answer reads a fresh copy of its body.
    return value instanceof Response ? value.clone() : this.render(value, op);
  }
}
