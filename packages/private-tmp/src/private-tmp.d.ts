/** A temporary folder only this user can enter, for this process and its children, removed at exit. */
export declare function usePrivateTmpdir(): string;
