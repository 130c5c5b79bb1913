#ifndef VORLAGE_CLIBXML2_SHIM_H
#define VORLAGE_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, whose headers clash with the ICU copy inside Foundation
// ("UErrorCode has different definitions"). Nothing here uses libxml2's ICU converters, and they
// are only reached through pointers, so the ICU parts of the headers are switched off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/c14n.h>

/// Frees memory that libxml2 allocated. `xmlFree` is a global function pointer, which Swift 6
/// refuses to call as a concurrency-unsafe global; this wrapper calls it from C.
static inline void vorlage_xml_free(void *pointer) {
    xmlFree(pointer);
}

/// `XML_DOM_RECONNS_REMOVEREDUND` from tree.c, which the public headers do not export: tells
/// xmlDOMWrapReconcileNamespaces to drop namespace declarations already in scope.
static const int vorlage_reconcile_remove_redundant = 1;

#endif
