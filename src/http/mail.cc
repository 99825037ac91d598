#include "http/mail.h"

#include <curl/curl.h>
#include <sodium.h>

#include <memory>

namespace okr::http {
namespace {

// A header value on one line: line breaks (which would start a header of their own)
// become spaces.
std::string one_line(std::string s) {
  for (auto& c : s)
    if (c == '\r' || c == '\n' || c == '\0') c = ' ';
  return s;
}

bool ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// RFC 2047 encoded words of at most 45 bytes of UTF-8 each, never splitting a character,
// on one line (a subject is at most 300 bytes, well within a line's 998).
std::string encoded_words(const std::string& s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t end = std::min(s.size(), i + 45);
    while (end < s.size() && end > i && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    if (end == i) end = std::min(s.size(), i + 45);
    if (!out.empty()) out += " ";
    out += "=?UTF-8?B?" + base64(std::string_view(s).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string rfc5322_date(Instant t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday],
                tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

void append(Slist& list, const std::string& line) {
  list.reset(curl_slist_append(list.release(), line.c_str()));
}

}  // namespace

std::vector<std::string> mail_headers(const app::RenderedMail& m, Instant date) {
  std::string subject = one_line(m.subject);
  if (subject.size() > 300) subject = subject.substr(0, 300);
  std::vector<std::string> h{
      "Date: " + rfc5322_date(date),
      "From: okr <" + one_line(m.from) + ">",
      "To: <" + one_line(m.to) + ">",
      "Subject: " + (ascii(subject) ? subject : encoded_words(subject)),
      "Message-ID: " + one_line(m.message_id),
      "Auto-Submitted: auto-generated",
  };
  if (!m.unsubscribe_url.empty()) {
    h.push_back("List-Unsubscribe: <" + one_line(m.unsubscribe_url) + ">");
    h.push_back("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  }
  return h;
}

app::OutgoingAnswer send_mail(const app::MailConfig& config, const app::RenderedMail& m) {
  if (auto problem = app::mail_config_problem(config)) return {0, *problem};
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) return {0, "libcurl could not start"};
  CURL* curl = curl_easy_init();
  if (!curl) return {0, "libcurl could not start"};
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> guard(curl, curl_easy_cleanup);
  curl_easy_setopt(curl, CURLOPT_URL, config.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 60000L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!config.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, config.ca_file.c_str());
  const long use_ssl = config.tls == app::MailTls::required        ? CURLUSESSL_ALL
                       : config.tls == app::MailTls::opportunistic ? CURLUSESSL_TRY
                                                                   : CURLUSESSL_NONE;
  curl_easy_setopt(curl, CURLOPT_USE_SSL, use_ssl);
  if (!config.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config.password.c_str());
  }
  const std::string from = "<" + one_line(config.from) + ">";
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  Slist recipients;
  append(recipients, "<" + one_line(m.to) + ">");
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.get());

  Slist headers;
  for (const auto& h : mail_headers(
           m, std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now())))
    append(headers, h);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

  std::unique_ptr<curl_mime, decltype(&curl_mime_free)> mime(curl_mime_init(curl), curl_mime_free);
  curl_mime* alternatives = curl_mime_init(curl);
  curl_mimepart* text = curl_mime_addpart(alternatives);
  curl_mime_data(text, m.text.data(), m.text.size());
  curl_mime_type(text, "text/plain; charset=UTF-8");
  curl_mime_encoder(text, "quoted-printable");
  curl_mimepart* html = curl_mime_addpart(alternatives);
  curl_mime_data(html, m.html.data(), m.html.size());
  curl_mime_type(html, "text/html; charset=UTF-8");
  curl_mime_encoder(html, "quoted-printable");
  curl_mimepart* part = curl_mime_addpart(mime.get());
  curl_mime_subparts(part, alternatives);  // owned by `mime` from here
  curl_mime_type(part, "multipart/alternative");
  curl_slist* inline_header = curl_slist_append(nullptr, "Content-Disposition: inline");
  curl_mime_headers(part, inline_header, 1);
  curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime.get());

  const CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  if (rc != CURLE_OK) {
    std::string why = curl_easy_strerror(rc);
    if (code) why += " (the server answered " + std::to_string(code) + ")";
    return {static_cast<int>(code), why};
  }
  return {code ? static_cast<int>(code) : 250, ""};
}

}  // namespace okr::http
