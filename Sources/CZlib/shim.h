// The system's zlib (Debian: zlib1g-dev), for FirmPathsIO's gzip writer and reader.
#include <zlib.h>
