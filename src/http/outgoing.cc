#include "http/outgoing.h"

#include <curl/curl.h>

#include <memory>

#include "app/outbox.h"

namespace okr::http {
namespace {

constexpr std::size_t kMaxAnswer = 64 * 1024;  // what is read of an answer, and dropped

size_t drop_body(char*, size_t size, size_t n, void* user) {
  auto* seen = static_cast<std::size_t*>(user);
  *seen += size * n;
  if (*seen > kMaxAnswer) return 0;  // ends the transfer
  return size * n;
}

}  // namespace

app::OutgoingAnswer post_outgoing(const app::OutgoingRequest& request) {
  if (auto problem = app::endpoint_url_problem(request.url)) return {0, *problem};
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) return {0, "libcurl could not start"};
  CURL* curl = curl_easy_init();
  if (!curl) return {0, "libcurl could not start"};
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> guard(curl, curl_easy_cleanup);
  std::size_t seen = 0;
  const bool https = request.url.rfind("https://", 0) == 0;
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, https ? "https" : "http");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "okr");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, drop_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &seen);
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers)
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  headers = curl_slist_append(headers, "Expect:");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers_guard(headers,
                                                                            curl_slist_free_all);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  // An answer too long to read still has its status.
  if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && status != 0))
    return {0, curl_easy_strerror(rc)};
  return {static_cast<int>(status), ""};
}

}  // namespace okr::http
