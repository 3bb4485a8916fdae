import FirmPathsCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A file-size limit (`ulimit -f`) would otherwise kill the process with SIGXFSZ in the middle of a
// write; ignored, write() fails with EFBIG and the command reports it (exit 74) like a full disk,
// keeping the completed runs of a sweep resumable.
signal(SIGXFSZ, SIG_IGN)

exit(FirmPathsCLI.main(Array(CommandLine.arguments.dropFirst())).rawValue)
