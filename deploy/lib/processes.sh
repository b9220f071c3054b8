# Process and port checks shared by ./autopilot and deploy/demo/demo-deploy (sourced, not run).

# The command line of a process (empty for a zombie, a gone process, or one still exec'ing).
cmdline_of() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }

# A live process (not gone, not a zombie). The state comes from /proc/PID/stat, not from an empty
# command line: while a process execs, its new image has no command line yet (the kernel fills it
# in after mapping the binary), so an empty one is not an exit (seen in CI: "alertmanager exited
# before it was ready" while it was being exec'd); and an exiting process loses its command line
# (its memory is released) before its sockets are closed, so an empty one is not "port free".
alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ -n $stat && ${stat:0:1} != Z && ${stat:0:1} != X ]]
}

# Whether something listens on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
