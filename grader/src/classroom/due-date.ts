import { InvalidArgumentError } from "commander";

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses `--due`: an ISO 8601 date and time with its zone, as the ISO string in UTC. The zone is required: a
 * runner's clock is in UTC and a laptop's is not, and a due date that means another hour on another machine
 * would mark the wrong learners late.
 */
export function parseDue(value: string): string {
  const time = Date.parse(value);
  if (!ISO_WITH_ZONE.test(value) || Number.isNaN(time)) {
    throw new InvalidArgumentError(
      `give a date, a time and its zone, such as 2025-05-01T23:59:00+02:00 or 2025-05-01T21:59:00Z (not "${value}")`,
    );
  }
  return new Date(time).toISOString();
}

/** How late `submittedAt` is against `due`, in words (`3 h 20 min`), or undefined when it is on time. */
export function lateBy(submittedAt: string, due: string): string | undefined {
  const minutes = Math.ceil((Date.parse(submittedAt) - Date.parse(due)) / 60_000);
  if (minutes <= 0) return undefined;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : "", hours ? `${hours} h` : "", rest ? `${rest} min` : ""].filter(Boolean).join(" ");
}
