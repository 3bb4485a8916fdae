import FirmPathsCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(FirmPathsCLI.main(Array(CommandLine.arguments.dropFirst())).rawValue)
