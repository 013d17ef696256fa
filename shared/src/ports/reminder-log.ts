import type { Period } from '../domain/period';
import type { ReminderChannel, ReminderKind } from './notifier';

/** One reminder send: a department (or, for the escalation digest, the coordinators) x period x day. */
export interface ReminderClaim {
  period: Period;
  /** The office day (`YYYY-MM-DD`, Asia/Shanghai) the job ran for. */
  day: string;
  /** null: the escalation digest, which goes out once per period whatever the day. */
  departmentId: string | null;
  kind: ReminderKind;
  /** Which reminder of the schedule this is, e.g. `due` or `overdue-2`. */
  stage: string;
  claimedAt: string;
}

export interface DeliveryRecord {
  channel: ReminderChannel;
  to: string;
  ok: boolean;
  attempts: number;
  error?: string;
}

/** The record of every reminder sent; what makes running the job twice harmless. */
export interface ReminderLog {
  /**
   * Records the send before it happens, conditioned on no record existing for the same key.
   * Returns false when one exists: another run already sent it (or is sending it) today.
   */
  claim(claim: ReminderClaim): Promise<boolean>;
  /** Adds the outcome of each delivery to the claimed record. */
  complete(claim: ReminderClaim, deliveries: DeliveryRecord[]): Promise<void>;
}
