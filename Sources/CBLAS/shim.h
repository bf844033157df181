#include <cblas.h>

/// OpenBLAS (pthread build) exports this without declaring it: it stops the library's own
/// worker threads, as it does itself before fork() and at exit.
int blas_thread_shutdown_(void);
