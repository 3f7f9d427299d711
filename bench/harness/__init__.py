"""What the harnesses under bench/ share (Python standard library only).

client           HTTP/1.1 client: one Result per request, with timings and what went wrong
stats            percentiles and the formatting of figures
proc             commands, free ports, /proc readings (CPU, RSS)
server           a process under test (start, readiness, stop) and Bulwark's command line
tools            the JDK ($JAVA_HOME, as ./bulwark exports it) and PostgreSQL's server programs
shared_services  the shared PostgreSQL and Redis: psql, databases, key prefixes
own_services     a PostgreSQL cluster and a redis-server of a harness's own
"""
