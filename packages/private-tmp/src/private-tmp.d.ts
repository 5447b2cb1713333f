/** The temporary folder a tool was given before it made its private one (see private-tmp.js). */
export declare const SYSTEM_TMPDIR: "WORKSHOP_SYSTEM_TMPDIR";
/** A temporary folder only this user can enter, for this process and its children, removed at exit. */
export declare function usePrivateTmpdir(): string;
/** The system's temporary folder, for a grader whose sandbox user shares it, with tsx's cache turned off. */
export declare function useTmpdirSharedWithSandbox(): string;
