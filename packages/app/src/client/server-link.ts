/** A page that hears nothing for this long (the server sends a heartbeat every 10 s) has lost its server. */
const SILENCE_MS = 25_000;

/**
 * The page's line to the workshop's server: its server-sent events, its requests, and the banner that says
 * so, at once, when the server cannot be reached (stopped, or the laptop asleep). EventSource reconnects by
 * itself; the banner goes when it has.
 */
export class ServerLink {
  readonly #banner: HTMLElement | null;
  readonly #handlers = new Map<string, (data: unknown) => void>();
  #source: EventSource | undefined;
  #silence: ReturnType<typeof setTimeout> | undefined;

  constructor(banner: HTMLElement | null) {
    this.#banner = banner;
  }

  on<T>(event: string, handler: (data: T) => void): void {
    this.#handlers.set(event, handler as (data: unknown) => void);
  }

  /**
   * `exercise`: the exercise this page shows; `seen`: the server's count of updates when it drew the page. The
   * server first sends what changed since, which may have happened before this stream was open.
   */
  connect(exercise: string | undefined, seen: string | undefined): void {
    const query = new URLSearchParams({ exercise: exercise ?? "", seen: seen ?? "" });
    const source = new EventSource(`/events?${query}`);
    this.#source = source;
    const heard = () => {
      this.#reachable(true);
      clearTimeout(this.#silence);
      this.#silence = setTimeout(() => this.#reachable(false), SILENCE_MS);
    };
    source.addEventListener("hello", heard);
    source.addEventListener("heartbeat", heard);
    for (const [event, handler] of this.#handlers) {
      source.addEventListener(event, (message) => {
        heard();
        handler(JSON.parse((message as MessageEvent<string>).data));
      });
    }
    source.addEventListener("error", () => this.#reachable(false));
  }

  /** Posts to the server; says so in the banner, and resolves with undefined, when it cannot be reached. */
  async post<T>(path: string): Promise<T | undefined> {
    try {
      const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" } });
      if (!response.ok) throw new Error(`${response.status}`);
      this.#reachable(true);
      return (await response.json()) as T;
    } catch {
      this.#reachable(false);
      return undefined;
    }
  }

  #reachable(reachable: boolean): void {
    const banner = this.#banner;
    if (!banner) return;
    if (reachable) {
      banner.hidden = true;
      banner.textContent = "";
      return;
    }
    if (!banner.hidden) return;
    banner.textContent =
      `This page cannot reach the workshop's server at ${location.host}. Is "pnpm workshop" still running in ` +
      "your terminal? Start it again; this page reconnects by itself.";
    banner.hidden = false;
  }

  close(): void {
    this.#source?.close();
    clearTimeout(this.#silence);
  }
}
