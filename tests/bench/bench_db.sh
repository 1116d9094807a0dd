# Sourced by the benchmarks that run the chat functions against a MariaDB of the caller's: reads
# MYSQL_URL into DB_USER/DB_HOST/DB_PORT, and drops the databases a run created under its schema
# prefix, so repeated runs leave the server as they found it.

# bench_db_parse URL -> sets DB_USER, DB_HOST, DB_PORT (exits on a URL it cannot read)
bench_db_parse() {
  [[ $1 =~ ^mysql://([^:@/]+)(:[^@]*)?@([^:/]+):([0-9]+) ]] || { echo "cannot read MYSQL_URL" >&2; exit 1; }
  DB_USER=${BASH_REMATCH[1]} DB_HOST=${BASH_REMATCH[3]} DB_PORT=${BASH_REMATCH[4]}
}

# bench_db_drop_prefixed PREFIX: every database whose name starts with PREFIX
bench_db_drop_prefixed() {
  local db
  for db in $(mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -e "SHOW DATABASES LIKE '${1//_/\\_}%'" 2>/dev/null); do
    mysql -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -e "DROP DATABASE \`$db\`" || true
  done
}
