/**
 * What every form shows after a submission, for every server action: done
 * (with an optional result), invalid (field errors), or failed (a message) —
 * and on a refusal, what the user typed, so nothing is lost. Client
 * components import this module, so it holds no server code.
 */
export type FormState<Result = undefined> = {
  status: "idle" | "done" | "invalid" | "failed";
  message?: string;
  /** Done, but Inter-Hub has not acknowledged it yet: the outbox delivers it by itself. */
  queued?: boolean;
  fieldErrors?: Record<string, string[] | undefined>;
  /** What the user typed, echoed back after a refusal (never a password). */
  values?: Record<string, string | string[]>;
  /** What a done answer carries beyond its message (a summary, a new link). */
  result?: Result;
};

export const IDLE: FormState<never> = { status: "idle" };

export const isRefused = (state: FormState<unknown>) =>
  state.status === "invalid" || state.status === "failed";
