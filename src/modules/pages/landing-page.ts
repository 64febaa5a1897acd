/** The page at `/`: what this server is and where its documentation and data are. */
export const LANDING_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OONI API</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; padding: 0 1em; line-height: 1.5; color: #222; }
h1 { color: #0588cb; }
a.button { display: inline-block; padding: .6em 1.2em; background: #0588cb; color: #fff; text-decoration: none; border-radius: 4px; }
</style>
</head>
<body>
<h1>OONI API</h1>
<p>This server receives network measurements from OONI Probe and publishes them, updated
continuously, for researchers and for <a href="https://explorer.ooni.org">OONI Explorer</a>.</p>
<p>The API is meant for interactive use at a modest request rate. To analyse OONI data in
bulk, read the measurements from the public data bucket instead
(<a href="https://ooni.org/post/mining-ooni-data">mining OONI data</a>).
Questions: <a href="https://ooni.org/about">contact the OONI team</a>.</p>
<p><a class="button" href="/apidocs">Read the API documentation</a></p>
</body>
</html>
`;
