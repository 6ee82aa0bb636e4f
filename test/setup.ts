// Checker warnings at synth go to stderr by default; tests that check them turn printing on themselves.
process.env.CDK8S_JOBS_WARNINGS = 'ignore';
