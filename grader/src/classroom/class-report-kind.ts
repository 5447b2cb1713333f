/**
 * What a class report written as JSON (`summary --json`) says it is: the summary reads it back as no result. A file
 * of its own, because both the report that writes it and the loader of a results folder that skips it need it.
 */
export const CLASS_REPORT_KIND = "class-report";
