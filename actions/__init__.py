"""What a user can do, once for both front ends: the `ita` command line (cli/) and the Excel add-in
(xladdin/). Each module is one action over the layers below (core, workbook, converters); the front ends
only turn arguments or button clicks into calls and results into text, alerts or opened files."""
