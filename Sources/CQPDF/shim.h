// qpdf's C interface (Debian's libqpdf-dev): reading, changing and writing PDF files.
#include <qpdf/qpdf-c.h>
