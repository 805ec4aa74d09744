#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

/* libcurl is loaded with dlopen on the first request instead of being linked: linking it (and the dozen libraries it
   pulls in) cost every git-bench command about 4 ms of start-up, and only the archive talks HTTP. Only the functions
   below are used; each goes through this table. */
typedef struct {
    int loaded;
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} ccurl_api_t;

/* State lives in function-local statics: Swift's importer emits the functions a module uses, not header globals. */
static inline ccurl_api_t *ccurl_table(void) {
    static ccurl_api_t table;
    return &table;
}

static inline void ccurl_load(void) {
    ccurl_api_t *api = ccurl_table();
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) library = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    api->global_init = (CURLcode (*)(long))dlsym(library, "curl_global_init");
    api->easy_init = (CURL *(*)(void))dlsym(library, "curl_easy_init");
    api->easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    api->easy_reset = (void (*)(CURL *))dlsym(library, "curl_easy_reset");
    api->easy_perform = (CURLcode (*)(CURL *))dlsym(library, "curl_easy_perform");
    api->easy_setopt = (CURLcode (*)(CURL *, CURLoption, ...))dlsym(library, "curl_easy_setopt");
    api->easy_getinfo = (CURLcode (*)(CURL *, CURLINFO, ...))dlsym(library, "curl_easy_getinfo");
    api->easy_strerror = (const char *(*)(CURLcode))dlsym(library, "curl_easy_strerror");
    api->slist_append = (struct curl_slist *(*)(struct curl_slist *, const char *))dlsym(library, "curl_slist_append");
    api->slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    api->loaded = api->global_init && api->easy_init && api->easy_cleanup && api->easy_reset
        && api->easy_perform && api->easy_setopt && api->easy_getinfo && api->easy_strerror
        && api->slist_append && api->slist_free_all;
}

/* 1 when libcurl is loaded (loading it on the first call), else 0. */
static inline int ccurl_available(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, ccurl_load);
    return ccurl_table()->loaded;
}

/* CURL_GLOBAL_DEFAULT is a macro expression Swift does not import. CURLE_FAILED_INIT when libcurl cannot be loaded. */
static inline CURLcode ccurl_global_init(void) {
    return ccurl_available() ? ccurl_table()->global_init(CURL_GLOBAL_DEFAULT) : CURLE_FAILED_INIT;
}
/* The others are called only after ccurl_global_init succeeded. */
static inline CURL *ccurl_easy_init(void) { return ccurl_table()->easy_init(); }
static inline void ccurl_easy_cleanup(CURL *handle) { ccurl_table()->easy_cleanup(handle); }
static inline void ccurl_easy_reset(CURL *handle) { ccurl_table()->easy_reset(handle); }
static inline CURLcode ccurl_easy_perform(CURL *handle) { return ccurl_table()->easy_perform(handle); }
static inline const char *ccurl_easy_strerror(CURLcode code) { return ccurl_table()->easy_strerror(code); }
static inline struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line) {
    return ccurl_table()->slist_append(list, line);
}
static inline void ccurl_slist_free_all(struct curl_slist *list) { ccurl_table()->slist_free_all(list); }

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed wrapper per argument kind. */
static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return ccurl_table()->easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return ccurl_table()->easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return ccurl_table()->easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return ccurl_table()->easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return ccurl_table()->easy_setopt(handle, option, value);
}
/* The write and header callbacks share curl_write_callback's shape. */
static inline CURLcode ccurl_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value) {
    return ccurl_table()->easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return ccurl_table()->easy_getinfo(handle, info, value);
}
