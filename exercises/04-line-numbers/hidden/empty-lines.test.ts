// Hidden: catches a numberedPrinter() that skips lines it takes for nothing (`if (!line) continue`): an empty
// line is a line, and gets its number like the others.
import { captureConsole } from "@workshop/test-kit";
import { describe, expect, it } from "vitest";
import { numberedPrinter } from "../line-numbers.ts";

describe("numberedPrinter(), hidden", () => {
  it("numbers an empty line too", () => {
    const lines = captureConsole();
    const printer = numberedPrinter();
    printer.next();
    printer.next("Mercury");
    printer.next("");
    printer.next("Venus");
    expect(lines).toEqual(["001 Mercury", "002 ", "003 Venus"]);
  });
});
