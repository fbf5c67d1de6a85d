/**
 * GitHub Actions workflow commands (`::error file=…,title=…::message`), for the reports that speak to
 * GitHub's runner. Text reaches these helpers already shown for people (lib/display-text.ts escapes
 * the control characters the runner leaves raw); this adds the escaping the runner itself undoes.
 */

/** A command's message: `%`, CR and LF escaped, so the command stays on its line. */
export const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

/** A property value (`file=`, `title=`): also `:` and `,`, which end a property. */
export const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
