/** The check-in the benches send: an Android probe in the US on a timed run while charging (100 URLs). */
export const US_CHECK_IN_BODY = JSON.stringify({
  probe_cc: 'US',
  probe_asn: 'AS7922',
  run_type: 'timed',
  charging: true,
  platform: 'android',
  software_name: 'ooniprobe-android',
  software_version: '3.8.0',
  web_connectivity: { category_codes: [] },
});
