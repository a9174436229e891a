#!/usr/bin/env bash
# /opt/rootaudit/bin/rootaudit-monthly.sh: one monthly audit from cron (config/cron/rootaudit runs it), with
# absolute paths, one log file per month and a reaction to each exit code (docs/configuration.md#exit-codes).
# It exits with rootaudit's own code, so that cron's mail or a monitoring check sees it too.
set -uo pipefail
export AWS_PROFILE=rootaudit            # or rely on the instance role
export AWS_REGION=us-east-1
export PATH=/usr/local/bin:/usr/bin:/bin

LOG=/var/log/rootaudit/rootaudit-$(date -u +%Y-%m).log
cd /var/lib/rootaudit                   # relative defaults (./data, ./reports) land here

/usr/lib/jvm/temurin-17-jdk/bin/java -jar /opt/rootaudit/rootaudit.jar audit \
  --spring.config.additional-location=file:/etc/rootaudit/application.yml \
  --rootaudit.database-path=/var/lib/rootaudit/data/rootaudit \
  --rootaudit.report.local-dir=/var/lib/rootaudit/reports \
  --rootaudit.exceptions-file=/etc/rootaudit/exceptions.yml \
  --rootaudit.report.s3.bucket=acme-rootaudit-evidence \
  >>"$LOG" 2>&1
rc=$?

case "$rc" in
  0) logger -t rootaudit "audit OK (or this month already audited)";;
  3) logger -p user.warning -t rootaudit "non-compliant root users or organization findings, see $LOG";;
  4) logger -p user.err -t rootaudit "some accounts could not be audited, see $LOG";;
  5) logger -p user.err -t rootaudit "a prerequisite is missing (credentials, organization, features, network), see $LOG";;
  6) logger -p user.err -t rootaudit "evidence kept locally but NOT published to S3; the next run publishes it, see $LOG";;
  8) logger -p user.err -t rootaudit "remediation could not clean some accounts, see FAILED lines in $LOG";;
  10) logger -p user.err -t rootaudit "evidence pack complete, but some EventBridge events (or a findings export) failed and are not sent again, see $LOG";;
  9) logger -p user.warning -t rootaudit "another rootaudit process holds the store or this period; tomorrow's run tries again, see $LOG";;
  2) logger -p user.err -t rootaudit "invalid configuration or exceptions file, see $LOG";;
  *) logger -p user.err -t rootaudit "audit failed (rc=$rc); the next run resumes it, see $LOG";;
esac
exit "$rc"
