// Reviews of objectives (with score overrides) and retrospectives of the practice.
#include "storage/sql/rows.h"
#include "storage/sql/sql_transaction.h"

namespace okr::sql {
namespace {

// A review's own columns, the first eight of a row (id, objective_id, the three
// answers, reviewer_id, at, version); its overrides are read apart.
Review read_review(const Statement& st) {
  Review r;
  r.id = st.i64(0);
  r.objective_id = st.i64(1);
  r.what_worked = st.text(2);
  r.what_did_not = st.text(3);
  r.what_we_learned = st.text(4);
  r.reviewer_id = st.opt_i64(5);
  r.at = to_instant(st.text(6));
  r.version = st.i64(7);
  return r;
}

}  // namespace

Id SqlTransaction::put_review(const Review& r) {
  prepare(
      "INSERT INTO reviews (objective_id, what_worked, what_did_not, what_we_learned, "
      "reviewer_id, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (objective_id) DO UPDATE SET "
      "what_worked = excluded.what_worked, what_did_not = excluded.what_did_not, "
      "what_we_learned = excluded.what_we_learned, reviewer_id = excluded.reviewer_id, "
      "at = excluded.at, version = reviews.version + 1")
      .bind_all(r.objective_id, r.what_worked, r.what_did_not, r.what_we_learned, r.reviewer_id,
                format_instant(r.at))
      .run();
  Id id = 0;
  {
    auto st = prepare("SELECT id FROM reviews WHERE objective_id = ?");
    st.bind(r.objective_id);
    if (!st.step()) throw StoreError(ErrorCode::internal, "a review was not stored");
    id = st.i64(0);
  }
  prepare("DELETE FROM score_overrides WHERE review_id = ?").bind(id).run();
  for (const auto& o : r.overrides)
    prepare(
        "INSERT INTO score_overrides (review_id, key_result_id, score, reason, set_by) "
        "VALUES (?, ?, ?, ?, ?)")
        .bind_all(id, o.key_result_id, o.score, o.reason, o.set_by)
        .run();
  return id;
}

std::optional<Review> SqlTransaction::find_review(Id objective_id) {
  auto st = prepare(
      "SELECT id, objective_id, what_worked, what_did_not, what_we_learned, reviewer_id, at, "
      "version FROM reviews WHERE objective_id = ?");
  st.bind(objective_id);
  if (!st.step()) return std::nullopt;
  Review r = read_review(st);
  auto os = prepare(
      "SELECT key_result_id, score, reason, set_by FROM score_overrides WHERE review_id = ? "
      "ORDER BY key_result_id");
  os.bind(r.id);
  while (os.step()) r.overrides.push_back({os.i64(0), os.f64(1), os.text(2), os.opt_i64(3)});
  return r;
}

Id SqlTransaction::put_retrospective(const Retrospective& r) {
  // One per cycle and team (none: the organisation's); replaced when written again.
  if (auto found = find_retrospective(r.cycle_id, r.team_id)) {
    prepare(
        "UPDATE retrospectives SET problem = ?, inputs = ?, friction = ?, evidence = ?, "
        "author_id = ?, at = ?, version = version + 1 WHERE id = ?")
        .bind_all(r.problem, r.inputs, r.friction, r.evidence, r.author_id, format_instant(r.at),
                  found->id)
        .run();
    return found->id;
  }
  return insert(
      "INSERT INTO retrospectives (cycle_id, team_id, problem, inputs, friction, evidence, "
      "author_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      r.cycle_id, r.team_id, r.problem, r.inputs, r.friction, r.evidence, r.author_id,
      format_instant(r.at));
}

std::optional<Retrospective> SqlTransaction::find_retrospective(Id cycle_id,
                                                                std::optional<Id> team_id) {
  if (team_id)
    return one(cat({"SELECT ", kRetrospectiveCols,
                    " FROM retrospectives WHERE cycle_id = ? AND team_id = ?"}),
               read_retrospective, cycle_id, *team_id);
  return one(cat({"SELECT ", kRetrospectiveCols,
                  " FROM retrospectives WHERE cycle_id = ? AND team_id IS NULL"}),
             read_retrospective, cycle_id);
}

std::vector<Retrospective> SqlTransaction::list_retrospectives(Id cycle_id) {
  return all(cat({"SELECT ", kRetrospectiveCols,
                  " FROM retrospectives WHERE cycle_id = ? ORDER BY coalesce(team_id, 0)"}),
             read_retrospective, cycle_id);
}

std::map<Id, Review> SqlTransaction::find_reviews(const std::vector<Id>& objective_ids) {
  std::map<Id, Review> out;
  if (objective_ids.empty()) return out;
  // A row per override (one with none for a review without), in one statement.
  auto st =
      prepare(cat({"SELECT r.id, r.objective_id, r.what_worked, r.what_did_not, "
                   "r.what_we_learned, r.reviewer_id, r.at, r.version, s.key_result_id, "
                   "s.score, s.reason, s.set_by FROM reviews r "
                   "LEFT JOIN score_overrides s ON s.review_id = r.id WHERE ",
                   in_ids("r.objective_id"), " ORDER BY r.id, s.key_result_id"}));
  st.bind(ids(objective_ids));
  while (st.step()) {
    auto [it, fresh] = out.try_emplace(st.i64(1));
    Review& r = it->second;
    if (fresh) r = read_review(st);
    if (!st.is_null(8)) r.overrides.push_back({st.i64(8), st.f64(9), st.text(10), st.opt_i64(11)});
  }
  return out;
}

}  // namespace okr::sql
