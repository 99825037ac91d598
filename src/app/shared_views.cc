// The shared views' background thread, and how an App gets and stops them (see
// shared_views.h for the contract).
#include "app/shared_views.h"

#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

namespace okr::app {

App::SharedViews::~SharedViews() {
  stop();
}

void App::SharedViews::stop() {
  std::thread worker;
  {
    std::lock_guard lock(mu);
    stopping_ = true;
    jobs_.clear();
    worker = std::move(worker_);
  }
  wake_.notify_all();
  if (worker.joinable()) worker.join();
}

bool App::SharedViews::submit(std::function<void()> job) {
  // Called with mu held.
  if (stopping_) return false;
  jobs_.push_back(std::move(job));
  if (!worker_.joinable()) worker_ = std::thread([this] { work(); });
  wake_.notify_one();
  return true;
}

void App::SharedViews::work() {
  std::unique_lock lock(mu);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
    if (stopping_) return;
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    job();
    lock.lock();
  }
}

void stop_background_work(App& app) {
  app.shared_views().stop();
}

std::shared_ptr<App::SharedViews> make_shared_views() {
  return std::make_shared<App::SharedViews>();
}

}  // namespace okr::app
