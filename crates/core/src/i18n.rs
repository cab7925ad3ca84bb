//! Translation tables. Every message is a constant holding its texts, so the compiler refuses a message
//! that lacks a language and the wasm carries only the messages its code shows, each in its own module.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// BCP 47 tag, as used in `<html lang>` and in storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Reads a stored or requested language; unknown values give `None` so callers keep their default.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" | "vi-vn" => Some(Lang::Vi),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language: the switch offers it.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// A language's own name, written in that language (shown on the switch).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }
}

/// A text in every language the app speaks (used for city-editable content such as config).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub vi: String,
    pub en: String,
}

/// A text by language code (`{"vi": …, "en": …, "ko": …}`): Vietnamese and English are required, any
/// other language may be added without a code change; a language without a text falls back to Vietnamese.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Texts(pub BTreeMap<String, String>);

impl Texts {
    pub fn get(&self, lang: Lang) -> &str {
        self.0.get(lang.code()).or_else(|| self.0.get("vi")).map_or("", String::as_str)
    }

    pub(crate) fn complete(&self) -> bool {
        ["vi", "en"].iter().all(|l| self.0.get(*l).is_some_and(|t| !t.trim().is_empty()))
    }
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// A fixed text of the user interface, in every language. Each message is a constant rather than an
/// enum variant behind one big `match`: the wasm splitter then places a text in the module of the code
/// that shows it, so an area's texts load with the area and the home page carries only its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Msg {
    vi: &'static str,
    en: &'static str,
}

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

macro_rules! messages {
    ($($key:ident => ($vi:expr, $en:expr),)*) => {
        #[allow(non_upper_case_globals)]
        impl Msg {
            $(pub const $key: Msg = Msg { vi: $vi, en: $en };)*

            /// Every message with its name, for the tests that check them all.
            pub const ALL: &'static [(&'static str, Msg)] = &[$((stringify!($key), Msg::$key),)*];
        }
    };
}

messages! {
    // Shell
    AppName => ("Mỹ Tho Số", "My Tho Digital"),
    AppTagline => ("Dịch vụ công trực tuyến của Mỹ Tho, tỉnh Đồng Tháp", "Online public services of My Tho, Dong Thap province"),
    SkipToContent => ("Bỏ qua, đến nội dung chính", "Skip to main content"),
    MainNavLabel => ("Các khu vực chính", "Main sections"),
    SwitchLanguageLabel => ("Chuyển ngôn ngữ", "Change language"),
    HotlineLabel => ("Đường dây nóng", "Hotline"),
    HotlineHint => ("Gọi miễn phí khi cần hỗ trợ", "Call free of charge if you need help"),
    FooterNote => ("Ứng dụng không thu phí. Thông tin chính thức do cơ quan nhà nước cung cấp.", "This app is free of charge. Official information comes from the public authorities."),
    Loading => ("Đang tải…", "Loading…"),
    // Areas
    AreaProcedures => ("Dịch vụ công", "Public services"),
    AreaProceduresHint => ("Tìm thủ tục và nộp hồ sơ trực tuyến", "Find a procedure and apply online"),
    AreaTracking => ("Tra cứu hồ sơ", "Track an application"),
    AreaTrackingHint => ("Xem hồ sơ đã nộp đang ở bước nào", "See where your application stands"),
    AreaFaq => ("Hỏi đáp", "Questions and answers"),
    AreaFaqHint => ("Hỏi bằng lời của bạn, có dấu hay không dấu", "Ask in your own words"),
    AreaTutorials => ("Kỹ năng số", "Digital skills"),
    AreaTutorialsHint => ("Hướng dẫn từng bước dùng dịch vụ số", "Step-by-step guides to digital services"),
    AreaTourism => ("Du lịch", "Visit My Tho"),
    AreaTourismHint => ("Điểm đến, lễ hội và đặc sản Mỹ Tho", "Places, festivals and local products"),
    AreaReports => ("Phản ánh", "Report a problem"),
    AreaReportsHint => ("Báo rác, đèn hỏng, đường hư… kèm ảnh và vị trí", "Rubbish, a light out, a broken road… with a photo and the place"),
    // Citizen reports
    ReportsIntro => ("Báo cho phường việc cần xử lý nơi bạn sống. Phản ánh (loại việc, nơi xảy ra, mô tả, ảnh, tình trạng) được công khai; tên và số điện thoại của bạn chỉ cán bộ phường xem.", "Tell the ward what needs fixing where you live. The report (what, where, the description, photos, status) is public; your name and phone number are seen only by the ward office."),
    ReportService => ("Việc bạn muốn phản ánh", "What is it about?"),
    ReportServiceRequired => ("Hãy chọn việc bạn muốn phản ánh", "Choose what the report is about"),
    ReportOptional => ("(không bắt buộc)", "(optional)"),
    ReportAnswerRequired => ("Hãy trả lời câu hỏi này", "Answer this question"),
    ReportNumberInvalid => ("Hãy nhập một số, ví dụ 2", "Enter a number, for example 2"),
    ReportDescription => ("Mô tả", "Description"),
    ReportDescriptionHint => ("Việc gì, ở đâu cụ thể (ví dụ trước nhà số mấy), từ khi nào. Tối đa 4.000 ký tự.", "What, exactly where (for example in front of which house), since when. At most 4,000 characters."),
    ReportDescriptionTooLong => ("Mô tả dài tối đa 4.000 ký tự; hãy rút gọn", "The description can be at most 4,000 characters; shorten it"),
    ReportCharacters => ("ký tự", "characters"),
    ReportPhotos => ("Ảnh (không bắt buộc, tối đa 3)", "Photos (optional, up to 3)"),
    ReportPhotosHint => ("Ảnh được thu nhỏ và bỏ thông tin vị trí, máy chụp trước khi gửi.", "Photos are made smaller, and their location and camera details removed, before sending."),
    ReportPhotoRemove => ("Bỏ ảnh", "Remove photo"),
    ReportPhotoSending => ("Đang gửi ảnh…", "Sending the photo…"),
    ReportPhotosFull => ("Đã đủ 3 ảnh", "3 photos already"),
    ReportPlace => ("Nơi xảy ra", "Where is it?"),
    ReportUseLocation => ("Dùng vị trí của tôi", "Use my location"),
    ReportLocating => ("Đang lấy vị trí…", "Finding your location…"),
    ReportLocated => ("Đã lấy vị trí, chính xác khoảng", "Location found, accurate to about"),
    ReportLocationUnavailable => ("Không lấy được vị trí (bị từ chối, tắt hoặc không có). Hãy nhập địa chỉ bên dưới.", "Your location is not available (refused, turned off or missing). Type the address below."),
    ReportForgetLocation => ("Không dùng vị trí này", "Do not use this location"),
    ReportAddress => ("Địa chỉ", "Address"),
    ReportAddressHint => ("Số nhà, đường hoặc một nơi dễ nhận ra; nếu đã dùng vị trí hay sơ đồ, có thể bỏ trống.", "House number and street, or a landmark; may be left empty if you used your location or the map."),
    ReportPlaceRequired => ("Hãy dùng vị trí của bạn, chạm vào sơ đồ, hoặc nhập địa chỉ", "Use your location, tap the map, or type the address"),
    ReportNearbyTitle => ("Đã có người báo việc này?", "Has someone reported this already?"),
    ReportNearbyIntro => ("Phản ánh cùng loại đang xử lý ở gần đây. Nếu đúng việc bạn thấy, hãy theo dõi phản ánh đó thay vì gửi thêm.", "Open reports of the same kind nearby. If one is what you see, follow it instead of sending another."),
    ReportContact => ("Liên hệ (không bắt buộc)", "Contact (optional)"),
    ReportContactHint => ("Chỉ cán bộ phường xem, để hỏi thêm khi cần; không bao giờ công khai.", "Seen only by the ward office, to ask you more if needed; never made public."),
    ReportName => ("Tên của bạn", "Your name"),
    ReportPhone => ("Số điện thoại", "Phone number"),
    ReportPhoneInvalid => ("Số điện thoại có 10 chữ số, bắt đầu bằng 0, ví dụ 0912 345 678", "A phone number has 10 digits and starts with 0, for example 0912 345 678"),
    ReportSend => ("Gửi phản ánh", "Send the report"),
    ReportSending => ("Đang gửi…", "Sending…"),
    ReportSent => ("Đã gửi phản ánh", "Report sent"),
    ReportNumberLabel => ("Số phản ánh", "Report number"),
    ReportKeepNumber => ("Hãy ghi lại số này để theo dõi tình trạng.", "Note this number to follow the report."),
    ReportStatusLabel => ("Tình trạng", "Status"),
    ReportStatusOpen => ("Đang xử lý", "Open"),
    ReportStatusClosed => ("Đã xử lý xong", "Closed"),
    ReportNotes => ("Phường trả lời", "The ward's answer"),
    ReportUpdated => ("Cập nhật lúc", "Updated"),
    ReportSentAt => ("Gửi lúc", "Sent"),
    ReportKind => ("Loại việc", "Kind"),
    ReportWhere => ("Nơi xảy ra", "Where"),
    ReportRefresh => ("Tải lại tình trạng", "Refresh the status"),
    ReportNotFound => ("Không tìm thấy phản ánh với số này.", "No report has this number."),
    ReportListTitle => ("Phản ánh gần đây", "Recent reports"),
    ReportListIntro => ("Phản ánh của người dân trong 90 ngày qua và việc phường đã làm.", "Residents' reports of the last 90 days, and what the ward did."),
    ReportListEmpty => ("Chưa có phản ánh nào trong 90 ngày qua.", "No reports in the last 90 days."),
    ReportListLink => ("Xem các phản ánh gần đây", "See recent reports"),
    ReportNew => ("Gửi phản ánh mới", "Send a new report"),
    ReportPhotoAlt => ("Ảnh kèm phản ánh", "Photo sent with the report"),
    ReportCoordinates => ("Tọa độ", "Coordinates"),
    ReportPhotoProgress => ("Đang gửi ảnh:", "Sending the photo:"),
    ReportPlaceHint => ("Dùng vị trí của bạn nếu đang đứng ở đó, chạm vào sơ đồ, hoặc nhập địa chỉ và chọn phường.", "Use your location if you are there, tap the map, or type the address and choose the ward."),
    ReportOtherGroup => ("Việc khác", "Other"),
    ReportWard => ("Phường", "Ward"),
    ReportWardNone => ("Chọn phường", "Choose the ward"),
    ReportWardRequired => ("Hãy chọn phường nơi xảy ra", "Choose the ward where it is"),
    ReportMapLabel => ("Sơ đồ: chạm vào nơi xảy ra, hoặc dùng các phím mũi tên để dời điểm", "Map: tap where it is, or move the point with the arrow keys"),
    ReportMapHint => ("Sơ đồ do ứng dụng vẽ, gần đúng. Chạm vào nơi xảy ra; phím mũi tên dời điểm.", "A sketch drawn by the app, approximate. Tap where it is; the arrow keys move the point."),
    ReportOnMap => ("Đã chọn trên sơ đồ, sai số khoảng", "Chosen on the map, accurate to about"),
    ReportKeep => ("Giữ phản ánh này trên thiết bị này, cả tên và số điện thoại, để theo dõi và để tự gửi khi có mạng lại. Tôi xoá được bất cứ lúc nào.", "Keep this report on this device, with my name and phone, to follow it and to send it by itself when the connection returns. I can delete it at any time."),
    ReportQueued => ("Chưa gửi được: mất kết nối. Phản ánh đang chờ và sẽ tự gửi một lần khi có mạng lại.", "Not sent yet: the connection is lost. The report is waiting and will be sent once when the connection returns."),
    ReportQueuedKept => ("Phản ánh được giữ trên thiết bị này cho đến khi gửi xong, kể cả khi bạn đóng trang.", "The report is kept on this device until it is sent, even if you close the page."),
    ReportQueuedPage => ("Hãy để trang này mở cho đến khi gửi xong (bạn chưa chọn giữ phản ánh trên thiết bị).", "Keep this page open until it is sent (you did not choose to keep the report on this device)."),
    ReportSendNow => ("Thử gửi ngay", "Try sending now"),
    ReportRestored => ("Phản ánh bạn đang viết dở đã được mở lại.", "The report you were writing has been opened again."),
    ReportStartOver => ("Xoá và viết lại từ đầu", "Clear it and start again"),
    ReportMine => ("Phản ánh bạn đã gửi từ thiết bị này", "Reports you sent from this device"),
    ReportForgetMine => ("Xoá danh sách này khỏi thiết bị", "Delete this list from the device"),
    ReportListWard => ("Lọc theo phường", "Filter by ward"),
    ReportAllWards => ("Tất cả các phường", "All wards"),
    ReportMapTitle => ("Sơ đồ các phản ánh", "Map of the reports"),
    ReportMapNote => ("Số trên sơ đồ là số thứ tự trong danh sách bên dưới. Phản ánh chỉ có địa chỉ, hoặc ở ngoài sơ đồ, không hiện trên sơ đồ.", "The numbers on the map are those of the list below. Reports with only an address, or outside the map, are not on it."),
    // Home
    HomeTitle => ("Trang chủ", "Home"),
    HomeHeading => ("Bạn cần làm gì hôm nay?", "What do you need to do today?"),
    // Coming soon
    ComingSoonHeading => ("Sắp ra mắt", "Coming soon"),
    ComingSoonBody => ("Khu vực này đang được xây dựng và chưa dùng được. Trong lúc chờ, bạn có thể gọi đường dây nóng hoặc đến bộ phận một cửa của phường.", "This section is being built and cannot be used yet. Meanwhile, you can call the hotline or visit your ward's one-stop office."),
    BackToHome => ("Về trang chủ", "Back to the home page"),
    // Not found
    NotFoundTitle => ("Không tìm thấy trang", "Page not found"),
    NotFoundBody => ("Địa chỉ bạn mở không có trong ứng dụng. Nếu bạn gõ địa chỉ, hãy kiểm tra lại chính tả. Nếu bạn bấm một đường dẫn, đường dẫn đó có thể đã cũ.", "The address you opened does not exist in this app. If you typed it, check the spelling. If you followed a link, it may be out of date."),
    // An area whose code could not be fetched (offline, not yet on the device)
    AreaUnavailableTitle => ("Chưa mở được trang này", "This page could not be opened"),
    AreaUnavailableBody => ("Phần này của ứng dụng chưa được lưu trên máy, và lúc này không tải về được: có thể máy đang mất mạng hoặc mạng quá yếu. Hãy kiểm tra Wi‑Fi hoặc dữ liệu di động, rồi bấm “Thử lại”.", "This part of the app is not on your device yet, and it cannot be downloaded right now: you may be offline, or the connection is too weak. Check your Wi‑Fi or mobile data, then select “Try again”."),
    AreaUnavailableVisited => ("Những trang bạn đã mở trước đây trên máy này vẫn dùng được khi không có mạng.", "Pages you have opened before on this device still work offline."),
    AreaUnavailableAgain => ("Vẫn chưa tải được. Hãy kiểm tra kết nối mạng rồi thử lại.", "Still not downloaded. Check your connection, then try again."),
    PageOpening => ("Đang mở trang…", "Opening the page…"),
    PageOpeningSlow => ("Trang đang mở chậm, có lẽ do mạng yếu. Xin chờ thêm một chút; trong lúc chờ, bạn vẫn đọc được trang này.", "The page is slow to open, probably because the connection is weak. Please wait a little longer; meanwhile you can still read this page."),
    // After "Try again" on the page that says an area could not come: there is nothing else to read.
    PageOpeningSlowRetry => ("Trang đang mở chậm, có lẽ do mạng yếu. Xin chờ thêm một chút.", "The page is slow to open, probably because the connection is weak. Please wait a little longer."),
    // Config / start-up errors
    ConfigErrorTitle => ("Không khởi động được ứng dụng", "The app could not start"),
    ConfigErrorBody => ("Ứng dụng không đọc được tệp cấu hình của thành phố. Đây là lỗi phía máy chủ, không phải do bạn. Hãy thử lại sau ít phút; nếu vẫn lỗi, hãy gọi đường dây nóng 1022.", "The app could not read the city's configuration file. This is a problem on our side, not yours. Try again in a few minutes; if it keeps failing, call the 1022 hotline."),
    ConfigErrorDetail => ("Chi tiết kỹ thuật", "Technical details"),
    TryAgain => ("Thử lại", "Try again"),
    // FAQ chat
    ErrorTitlePrefix => ("Lỗi", "Error"),
    FaqIntro => ("Hỏi bằng lời của bạn, có dấu hay không dấu đều được; hỏi bằng tiếng Anh thì trợ lý trả lời bằng tiếng Anh. Trợ lý trả lời ngay trên máy, kể cả khi mạng yếu.", "Ask in your own words, in English or Vietnamese (with or without accents): the assistant answers in the language you write in, right on your device, even on a weak connection."),
    FaqLogLabel => ("Cuộc trò chuyện", "Conversation"),
    FaqSuggestions => ("Câu hỏi thường gặp", "Common questions"),
    FaqYouAsked => ("Bạn hỏi", "You asked"),
    FaqAssistant => ("Trợ lý", "Assistant"),
    FaqInputLabel => ("Câu hỏi của bạn", "Your question"),
    FaqInputHint => ("Ví dụ: làm giấy khai sinh cho con cần gì", "For example: how do I register my baby's birth"),
    FaqSend => ("Gửi", "Send"),
    FaqWaiting => ("Đã nhận câu hỏi. Trợ lý sẽ trả lời ngay khi tải xong phần hỏi đáp.", "Question received. The assistant will answer as soon as the questions and answers have loaded."),
    FaqEmptyError => ("Hãy nhập câu hỏi của bạn vào ô bên dưới", "Type your question in the box below"),
    FaqLoadError => ("Chưa tải được bộ câu hỏi.", "The questions could not be loaded."),
    FaqDecline => ("Xin lỗi, tôi chưa có câu trả lời chắc chắn cho câu hỏi này.", "Sorry, I do not have a reliable answer to that question."),
    FaqDidYouMean => ("Có phải bạn muốn hỏi:", "Did you mean:"),
    FaqDeclineCall => ("Hoặc gọi đường dây nóng", "Or call the hotline"),
    FaqHelpful => ("Câu trả lời có giúp ích không?", "Was this answer helpful?"),
    FaqYes => ("Có", "Yes"),
    FaqNo => ("Không", "No"),
    FaqThanks => ("Cảm ơn bạn đã góp ý.", "Thank you for your feedback."),
    FaqFeedbackFailed => ("Chưa gửi được góp ý.", "Your feedback was not sent."),
    FaqSeeAll => ("Xem tất cả câu hỏi theo chủ đề", "See all questions by topic"),
    FaqAllTitle => ("Tất cả câu hỏi", "All questions"),
    FaqBackToChat => ("Hỏi trợ lý", "Ask the assistant"),
    ActionApply => ("Nộp hồ sơ trực tuyến", "Apply online"),
    ActionTutorial => ("Xem hướng dẫn từng bước", "See the step-by-step guide"),
    ActionCall => ("Gọi", "Call"),
    // API errors, as shown to people
    ErrOffline => ("Không có kết nối mạng. Hãy kiểm tra Wi‑Fi hoặc dữ liệu di động rồi thử lại.", "You are offline. Check your Wi‑Fi or mobile data and try again."),
    ErrTimeout => ("Máy chủ phản hồi quá lâu. Hãy thử lại sau ít phút.", "The server took too long to answer. Try again in a few minutes."),
    ErrServer => ("Máy chủ đang gặp sự cố. Hãy thử lại sau ít phút.", "The server has a problem. Try again in a few minutes."),
    ErrDecode => ("Máy chủ trả về dữ liệu không đọc được.", "The server sent data the app could not read."),
    ErrRequest => ("Yêu cầu không hợp lệ.", "The request was not accepted."),
    // Catalogue
    CatalogueTitle => ("Thủ tục hành chính", "Administrative procedures"),
    CatalogueIntro => ("Tìm thủ tục bạn cần, xem giấy tờ, lệ phí, thời hạn và nộp hồ sơ trực tuyến.", "Find the procedure you need, see the papers, fees and time it takes, and apply online."),
    SearchLabel => ("Tìm thủ tục", "Search for a procedure"),
    SearchHint => ("Gõ tên thủ tục, có dấu hay không dấu, hoặc tên quen gọi như “giấy độc thân”, “hộ khẩu”", "Type the name of the procedure, or a common name such as “single status certificate”"),
    SearchButton => ("Tìm", "Search"),
    SearchNoResults => ("Không có thủ tục nào khớp với từ bạn gõ. Hãy thử từ khác, hoặc gọi đường dây nóng để được hướng dẫn.", "No procedure matches what you typed. Try other words, or call the hotline for help."),
    SearchResultsCount => ("thủ tục", "procedures"),
    OnlineTag => ("Nộp trực tuyến", "Apply online"),
    CounterOnlyTag => ("Nộp tại bộ phận một cửa", "At the one-stop counter"),
    FreeOfCharge => ("Miễn phí", "Free"),
    // Procedure page
    ProcCode => ("Mã thủ tục", "Procedure code"),
    ProcWho => ("Ai được nộp", "Who can apply"),
    ProcPapers => ("Giấy tờ cần có", "Papers you need"),
    ProcTime => ("Thời hạn giải quyết", "Processing time"),
    ProcFee => ("Lệ phí", "Fee"),
    ProcLegal => ("Căn cứ pháp lý", "Legal basis"),
    ProcResultAt => ("Nơi nhận kết quả", "Where to collect the result"),
    ProcNotOnline => ("Thủ tục này chưa nộp trực tuyến được. Hãy mang giấy tờ đến bộ phận một cửa của phường, hoặc gọi đường dây nóng để được hướng dẫn.", "This procedure cannot be done online yet. Bring your papers to your ward's one-stop counter, or call the hotline for help."),
    BackToCatalogue => ("Danh sách thủ tục", "All procedures"),
    ContinueDraft => ("Tiếp tục hồ sơ đang soạn", "Continue your saved application"),
    // Form engine
    StepWord => ("Bước", "Step"),
    StepOf => ("trên", "of"),
    Continue => ("Tiếp tục", "Continue"),
    Back => ("Quay lại", "Back"),
    Optional => ("(không bắt buộc)", "(optional)"),
    DateHint => ("Ví dụ: 27 3 2007", "For example: 27 3 2007"),
    DateDay => ("Ngày", "Day"),
    DateMonth => ("Tháng", "Month"),
    DateYear => ("Năm", "Year"),
    SelectPrompt => ("Chọn một mục", "Choose one"),
    ErrorSummaryTitle => ("Có vấn đề cần sửa", "There is a problem"),
    DraftNote => ("Những gì bạn nhập được tự lưu trên thiết bị này, nên tải lại trang hay tắt máy cũng không mất. Bạn có thể xoá bản nháp bất cứ lúc nào.", "What you type is saved on this device as you go, so reloading or switching off loses nothing. You can delete the draft at any time."),
    DeleteDraft => ("Xoá bản nháp", "Delete the draft"),
    DraftDeleted => ("Đã xoá bản nháp trên thiết bị này.", "The draft was deleted from this device."),
    CheckTitle => ("Kiểm tra thông tin trước khi nộp", "Check your answers before you submit"),
    CheckChange => ("Thay đổi", "Change"),
    NotGiven => ("Không khai", "Not given"),
    DeclarationTitle => ("Lời cam đoan", "Declaration"),
    DeclarationText => ("Tôi cam đoan những thông tin đã khai là đúng sự thật và chịu trách nhiệm trước pháp luật về lời khai của mình.", "I declare that the information I have given is true, and I am legally responsible for it."),
    DeclarationRequired => ("Hãy đánh dấu vào ô cam đoan để nộp hồ sơ", "Tick the declaration box to submit your application"),
    SubmitDossier => ("Nộp hồ sơ", "Submit application"),
    SubmitSupplement => ("Gửi bổ sung", "Send the corrections"),
    Submitting => ("Đang gửi…", "Sending…"),
    QueuedNote => ("Hồ sơ vẫn được giữ trên thiết bị này và sẽ tự gửi lại khi có mạng. Bạn cũng có thể bấm Gửi lại.", "Your application is kept on this device and will be sent again when you are back online. You can also press Send again."),
    SendAgain => ("Gửi lại", "Send again"),
    FormOutdated => ("Có câu trả lời chưa hợp lệ. Hãy sửa mục được đánh dấu rồi nộp lại.", "Some answers are not valid. Fix the marked item and submit again."),
    SupplementBanner => ("Bạn đang sửa hồ sơ theo yêu cầu bổ sung. Thông tin đã nộp được điền sẵn; chỉ cần sửa hoặc thêm phần được yêu cầu.", "You are correcting an application as the office asked. Your earlier answers are filled in; change or add only what was asked."),
    // Receipt
    ReceiptTitle => ("Đã nộp hồ sơ", "Application submitted"),
    SupplementSentTitle => ("Đã gửi bổ sung", "Corrections sent"),
    ReceiptCode => ("Mã hồ sơ", "Application code"),
    ReceiptSubmittedAt => ("Ngày nộp", "Submitted on"),
    ReceiptAppointment => ("Ngày hẹn trả kết quả", "Result expected on"),
    ReceiptNextTitle => ("Việc tiếp theo", "What happens next"),
    ReceiptNext => ("Cán bộ một cửa sẽ kiểm tra hồ sơ. Nếu cần bổ sung, lý do sẽ hiện khi bạn tra cứu. Hãy ghi lại mã hồ sơ và mang giấy tờ gốc khi đến nhận kết quả.", "An officer at the one-stop counter will check your application. If anything is missing, the reason will show when you track it. Keep the application code and bring your original papers when you collect the result."),
    ReceiptKeepCode => ("Ghi lại mã này: bạn cần nó để tra cứu hồ sơ.", "Write this code down: you need it to track your application."),
    ReceiptAccessKey => ("Mã truy cập hồ sơ", "Access key"),
    ReceiptAccessKeyExplain => ("Giữ kín mã này như mật khẩu. Với mã hồ sơ và mã truy cập, bạn xem và sửa được thông tin đã khai, kể cả trên điện thoại khác. Mã chỉ hiện một lần: hãy in biên nhận hoặc chép lại mã.", "Keep this key private, like a password. With the application code and this key you can see and correct what you gave, on another phone too. It is shown only once: print the receipt or write the key down."),
    ReceiptAccessKeyQr => ("Mã QR chứa mã hồ sơ và mã truy cập", "QR code with the application code and the access key"),
    Print => ("In biên nhận", "Print the receipt"),
    TrackThis => ("Tra cứu hồ sơ này", "Track this application"),
    ReceiptMissing => ("Thiết bị này không còn biên nhận của hồ sơ. Bạn vẫn tra cứu được bằng mã hồ sơ và 4 số cuối điện thoại.", "This device no longer has the receipt. You can still track the application with its code and the last 4 digits of your phone."),
    // Tracking
    TrackIntro => ("Nhập mã hồ sơ và 4 số cuối của số điện thoại đã khai để xem hồ sơ đang ở bước nào.", "Enter the application code and the last 4 digits of the phone number you gave to see where it stands."),
    TrackCodeLabel => ("Mã hồ sơ", "Application code"),
    TrackCodeHint => ("In trên giấy tiếp nhận, ví dụ MTS-251203-K7M4QP", "Printed on your receipt, for example MTS-251203-K7M4QP"),
    TrackPhoneLabel => ("4 số cuối số điện thoại", "Last 4 digits of your phone number"),
    TrackPhoneHint => ("Của số điện thoại đã khai trong hồ sơ", "Of the phone number given in the application"),
    TrackButton => ("Tra cứu", "Track"),
    TrackCodeRequired => ("Hãy nhập mã hồ sơ", "Enter the application code"),
    TrackCodeInvalid => ("Mã hồ sơ gồm mã cơ quan, ngày nộp và 6 chữ và số, ví dụ MTS-251203-K7M4QP; hãy kiểm tra lại", "An application code has the office, the date and 6 letters and digits, like MTS-251203-K7M4QP; check it again"),
    TrackPhoneInvalid => ("Hãy nhập đúng 4 chữ số cuối của số điện thoại, ví dụ 5678", "Enter exactly the last 4 digits of the phone number, for example 5678"),
    TrackProcedure => ("Thủ tục", "Procedure"),
    TrackStatus => ("Trạng thái", "Status"),
    TrackOverdue => ("Quá hạn", "Overdue"),
    TrackTimeline => ("Quá trình xử lý", "History"),
    TrackReason => ("Lý do", "Reason"),
    SupplementAction => ("Bổ sung hồ sơ", "Correct the application"),
    SupplementKeyExplain => ("Để xem và sửa thông tin đã khai, hãy nhập mã truy cập in trên biên nhận.", "To see and correct what you gave, enter the access key printed on the receipt."),
    SupplementKeyLabel => ("Mã truy cập hồ sơ", "Access key"),
    SupplementKeyHint => ("16 chữ và số in trên biên nhận, ví dụ ABCD-EFGH-JKMN-PQRS", "The 16 letters and digits printed on the receipt, for example ABCD-EFGH-JKMN-PQRS"),
    SupplementKeyRequired => ("Hãy nhập mã truy cập hồ sơ", "Enter the access key"),
    SupplementKeyInvalid => ("Mã truy cập gồm 16 chữ và số, ví dụ ABCD-EFGH-JKMN-PQRS; hãy kiểm tra lại", "An access key has 16 letters and digits, like ABCD-EFGH-JKMN-PQRS; check it again"),
    // Drafts
    DraftsTitle => ("Hồ sơ đang soạn", "Applications in progress"),
    DraftsEmpty => ("Chưa có hồ sơ nào đang soạn trên thiết bị này.", "There are no applications in progress on this device."),
    DraftsSavedAt => ("Lưu lúc", "Saved"),
    DraftsResume => ("Tiếp tục", "Continue"),
    ResumeOffer => ("Tiếp tục trên thiết bị khác", "Continue on another device"),
    ResumeExplain => ("Bản nháp sẽ được gửi lên máy chủ của thành phố và giữ trong 7 ngày, chỉ ai có mã mới mở được. Trên thiết bị kia, vào mục “Hồ sơ đang soạn” và nhập mã này.", "The draft is sent to the city's server and kept for 7 days; only someone with the code can open it. On the other device, go to “Applications in progress” and enter this code."),
    ResumeCodeLabel => ("Mã tiếp tục", "Resume code"),
    ResumeValidUntil => ("Dùng được đến", "Valid until"),
    ResumeOpenTitle => ("Mở bản nháp từ thiết bị khác", "Open a draft from another device"),
    ResumeCodeHint => ("Gồm 12 chữ và số, ví dụ ABCD-EFGH-JKMN", "12 letters and digits, for example ABCD-EFGH-JKMN"),
    ResumeOpen => ("Mở bản nháp", "Open the draft"),
    ResumeCodeRequired => ("Hãy nhập mã tiếp tục", "Enter the resume code"),
    ResumeCodeInvalid => ("Mã tiếp tục gồm 12 chữ và số, ví dụ ABCD-EFGH-JKMN; hãy kiểm tra lại", "A resume code has 12 letters and digits, like ABCD-EFGH-JKMN; check it again"),
    CheckFee => ("Lệ phí nộp trực tuyến sau khi nộp hồ sơ", "Fee, paid online once the application is submitted"),
    // Digital-skills lessons
    LessonsTitle => ("Kỹ năng số", "Digital skills"),
    LessonsIntro => ("Tám bài ngắn cho người mới dùng điện thoại làm thủ tục. Mỗi bài vài bước, một ý một màn hình, rồi vài câu hỏi ôn tập. Tiến độ được lưu trên máy này.", "Eight short lessons for people new to doing paperwork on a phone. A few steps each, one idea per screen, then a short quiz. Your progress is kept on this device."),
    LessonDone => ("Đã học", "Done"),
    LessonScore => ("Điểm", "Score"),
    LessonStart => ("Bắt đầu", "Start"),
    LessonReview => ("Xem lại", "Review"),
    LessonNext => ("Tiếp", "Next"),
    LessonPrevious => ("Trước", "Previous"),
    LessonToQuiz => ("Làm bài ôn tập", "Take the quiz"),
    QuizTitle => ("Ôn tập", "Quiz"),
    QuizSubmit => ("Nộp bài", "Check my answers"),
    QuizAgain => ("Làm lại", "Try again"),
    QuizRight => ("Đúng", "Right"),
    QuizWrong => ("Chưa đúng", "Not quite"),
    QuizResult => ("Bạn trả lời đúng", "You got"),
    QuizOf => ("trên", "of"),
    DemoNotice => ("Bản chạy thử: hồ sơ, thanh toán và dữ liệu ở đây không có thật.", "Demo: applications, payments and data here are not real."),
    QuizPassMark => ("Để đạt bài này, cần trả lời đúng ít nhất", "To pass this lesson, answer at least"),
    QuizPassMarkEnd => ("câu.", "correctly."),
    QuizPassed => ("Bạn đã đạt bài này.", "You passed this lesson."),
    QuizNotPassed => ("Bạn chưa đạt: hãy đọc lời giải thích rồi làm lại.", "Not passed yet: read the explanations and try again."),
    LessonPassed => ("Đạt", "Passed"),
    LessonNotPassed => ("Chưa đạt", "Not passed yet"),
    QuizQuestion => ("Câu", "Question"),
    QuizUnanswered => ("Hãy chọn một câu trả lời cho câu", "Choose an answer for question"),
    BackToLessons => ("Về danh sách bài học", "Back to the lessons"),
    LargerText => ("Chữ lớn", "Larger text"),
    CertificateTitle => ("Giấy chứng nhận", "Certificate"),
    CertificateNotYet => ("Học xong tất cả các bài để nhận giấy chứng nhận. Số bài đã học:", "Finish every lesson to get the certificate. Lessons done:"),
    CertificateName => ("Họ và tên ghi trên giấy chứng nhận", "Name to print on the certificate"),
    CertificateText => ("đã hoàn thành các bài học kỹ năng số cơ bản của Mỹ Tho Số", "has completed the basic digital-skills lessons of Mỹ Tho Số"),
    CertificateDate => ("Ngày hoàn thành", "Completed on"),
    PresenterLink => ("Trình chiếu bài này (cho người hướng dẫn)", "Present this lesson (for trainers)"),
    PracticeOffer => ("Thử ngay trên bản tập của một mẫu đơn thật. Bản tập kiểm tra câu trả lời như thật nhưng không gửi gì đi.", "Try it now on a practice copy of a real form. It checks your answers like the real one but sends nothing."),
    PracticeTry => ("Thử ngay", "Try it now"),
    PracticeBanner => ("Bản tập: mẫu đơn này kiểm tra như thật nhưng không gửi hồ sơ hay tệp nào đi. Hãy dùng thông tin tập, không cần thông tin thật.", "Practice copy: this form checks your answers like the real one, but sends no application and no files. Use made-up details; real ones are not needed."),
    PracticeBack => ("Quay lại bài học", "Back to the lesson"),
    PracticeFinish => ("Xong bản tập", "Finish the practice"),
    PracticeDoneTitle => ("Bạn đã điền xong bản tập", "You have finished the practice form"),
    PracticeDoneText => ("Mọi câu trả lời đều hợp lệ. Đây là bản tập nên không có hồ sơ nào được gửi đi, và bản tập đã được xoá khỏi máy. Khi làm thật, ở bước này bạn bấm “Nộp hồ sơ” rồi nhận mã hồ sơ.", "Every answer is valid. This was practice, so no application was sent, and the practice copy has been removed from this device. When you do it for real, you press “Submit application” at this step and get a reference number."),
    PracticeAgain => ("Tập lại từ đầu", "Start the practice again"),
    PresenterKeys => ("Phím mũi tên, Page Up / Page Down hoặc bút trình chiếu để chuyển bước.", "Arrow keys, Page Up / Page Down or a presentation clicker move between steps."),
    ClassTitle => ("Lớp học", "Class"),
    ClassIntro => ("Người hướng dẫn mở lớp, học viên vào lớp bằng mã trên điện thoại; bảng theo dõi tự cập nhật.", "The trainer opens a class, learners join with its code on their phones; the dashboard updates by itself."),
    ClassLesson => ("Bài học của lớp", "The class's lesson"),
    ClassStart => ("Bắt đầu lớp học", "Start the class"),
    ClassCode => ("Mã lớp", "Class code"),
    ClassJoinHow => ("Học viên vào mục Kỹ năng số, chọn \"Vào lớp học bằng mã\" và nhập mã này, hoặc quét mã QR.", "Learners open Digital skills, choose \"Join a class with a code\" and type this code, or scan the QR code."),
    ClassShowQr => ("Hiện mã QR để vào lớp", "Show the QR code to join"),
    ClassQrLabel => ("Mã QR mở trang vào lớp", "QR code that opens the join page"),
    ClassLearners => ("Học viên", "Learners"),
    ClassNone => ("Chưa có học viên nào vào lớp.", "Nobody has joined yet."),
    ClassColName => ("Tên", "Name"),
    ClassColLesson => ("Bài", "Lesson"),
    ClassColStep => ("Bước", "Step"),
    ClassColScores => ("Điểm ôn tập", "Quiz scores"),
    ClassExport => ("Tải danh sách (CSV)", "Download the list (CSV)"),
    ClassClose => ("Kết thúc lớp", "End the class"),
    ClassClosed => ("Lớp đã kết thúc: không nhận thêm học viên.", "The class has ended: nobody else can join."),
    ClassNew => ("Mở lớp mới", "Open a new class"),
    ClassTrainerLink => ("Người hướng dẫn: mở lớp học", "Trainers: open a class"),
    ClassJoinLink => ("Vào lớp học bằng mã", "Join a class with a code"),
    JoinTitle => ("Vào lớp học", "Join a class"),
    JoinName => ("Tên hiển thị", "Display name"),
    JoinNameHint => ("Để người hướng dẫn nhận ra bạn; chỉ người hướng dẫn lớp này thấy tên.", "So the trainer knows you; only this class's trainer sees it."),
    JoinCodeHint => ("6 ký tự trên màn hình của người hướng dẫn, ví dụ K7M-Q2P", "The 6 characters on the trainer's screen, for example K7M-Q2P"),
    JoinCodeInvalid => ("Mã lớp có 6 ký tự (chữ và số), ví dụ K7M-Q2P; hãy kiểm tra lại", "A class code has 6 letters and digits, for example K7M-Q2P; check it again"),
    JoinNameInvalid => ("Hãy nhập tên hiển thị, từ 1 đến 40 ký tự", "Enter a display name of 1 to 40 characters"),
    JoinButton => ("Vào lớp", "Join"),
    InClass => ("Bạn đang học trong lớp", "You are in class"),
    LeaveClass => ("Rời lớp", "Leave the class"),
    CertificatePrint => ("In giấy chứng nhận", "Print the certificate"),
    // Visitors' guide
    GuideTitle => ("Du lịch Mỹ Tho", "Visit My Tho"),
    GuideIntro => ("Chùa cổ, chợ ven sông, cù lao vườn trái cây và đờn ca tài tử: những gì nên xem, ăn và mua ở Mỹ Tho.", "Old pagodas, a riverside market, orchard islets and don ca tai tu music: what to see, eat and buy in My Tho."),
    MapTitle => ("Bản đồ", "Map"),
    MapNote => ("Sơ đồ do ứng dụng tự vẽ, dùng được cả khi không có mạng; vị trí gần đúng. Chọn một số để xem địa điểm.", "A sketch drawn by the app, usable offline; positions are approximate. Choose a number to see the place."),
    PlacesTitle => ("Địa điểm", "Places"),
    CatPagodaChurch => ("Chùa, nhà thờ", "Pagodas and churches"),
    CatIsletGarden => ("Cù lao, miệt vườn", "Islets and gardens"),
    CatMarketFood => ("Chợ, ẩm thực", "Markets and food"),
    CatMuseumRelic => ("Bảo tàng, di tích", "Museums and monuments"),
    CatStreetPark => ("Phố đi bộ, công viên", "Walking streets and parks"),
    CatOcopShop => ("Đặc sản, OCOP", "Local products (OCOP)"),
    CatWifiSpot => ("Điểm Wi-Fi miễn phí", "Free Wi-Fi spots"),
    EventsTitle => ("Lễ hội và sự kiện", "Festivals and events"),
    EventsNone => ("Chưa có sự kiện sắp tới.", "No upcoming events."),
    EventsNow => ("Đang diễn ra", "On now"),
    ProductsTitle => ("Đặc sản và sản phẩm OCOP", "Local products and OCOP"),
    WhereToBuy => ("Nơi mua", "Where to buy"),
    ItinerariesTitle => ("Lịch trình gợi ý", "Suggested itineraries"),
    Directions => ("Chỉ đường", "Directions"),
    DirectionsHint => ("mở ứng dụng bản đồ trên điện thoại", "opens the map app on your phone"),
    DirectionsWeb => ("Xem trên bản đồ trực tuyến (OpenStreetMap), nếu nút trên không mở được bản đồ", "See it on an online map (OpenStreetMap), if the button above opens no map"),
    PlaceHours => ("Giờ mở cửa", "Opening hours"),
    PlaceAddress => ("Địa chỉ", "Address"),
    PlaceCategory => ("Loại", "Kind"),
    EventWhen => ("Thời gian", "When"),
    EventWhere => ("Ở đâu", "Where"),
    BackToGuide => ("Về trang du lịch", "Back to the guide"),
    SeeAll => ("Xem tất cả", "See all"),
    // Attachments
    FileHint => ("Ảnh chụp (JPG, PNG) hoặc tệp PDF, tối đa 5 MB. Ảnh lớn được thu nhỏ trên máy bạn trước khi gửi.", "A photo (JPG, PNG) or a PDF, up to 5 MB. Large photos are made smaller on your phone before they are sent."),
    FileScaling => ("Đang thu nhỏ ảnh…", "Making the photo smaller…"),
    FileUploading => ("Đang tải lên", "Uploading"),
    FileAttached => ("Đã đính kèm", "Attached"),
    FileRemove => ("Bỏ tệp này", "Remove this file"),
    FileRetry => ("Thử tải lên lại", "Try uploading again"),
    FileOffline => ("Chưa tải lên được vì mất kết nối. Tệp vẫn được giữ: khi có mạng, hãy bấm “Thử tải lên lại”.", "The upload did not get through: the connection was lost. The file is kept: when you are back online, press “Try uploading again”."),
    // Ward picker
    WardSearchLabel => ("Tìm theo tên hiện nay hoặc tên cũ", "Search by today's name or an old one"),
    WardChosen => ("Đã chọn", "Chosen"),
    WardFormerly => ("gồm", "includes former"),
    WardElsewhere => ("ở nơi khác trong tỉnh", "elsewhere in the province"),
    WardNoMatch => ("Không tìm thấy phường, xã nào có tên này. Hãy thử tên khác; có dấu hay không dấu đều được.", "No ward or commune has that name. Try another name, with or without accents."),
    // Saved details ("provide information once")
    ProfileTitle => ("Thông tin của tôi", "My details"),
    ProfileName => ("Họ và tên", "Full name"),
    ProfileIdNumber => ("Số định danh cá nhân", "Personal ID number"),
    ProfileBirthDate => ("Ngày sinh", "Date of birth"),
    ProfilePhone => ("Số điện thoại", "Phone number"),
    ProfileConsent => ("Lưu họ tên, số định danh, ngày sinh và số điện thoại của tôi trên thiết bị này để điền sẵn khi nộp hồ sơ sau. Tôi có thể xem và xoá bất cứ lúc nào.", "Keep my name, ID number, date of birth and phone number on this device to fill in future applications. I can see and delete them at any time."),
    ProfileIntro => ("Những thông tin này chỉ nằm trên thiết bị này, do bạn đồng ý lưu. Chúng được điền sẵn vào các hồ sơ mới.", "These details are kept only on this device, because you agreed. They are filled into new applications."),
    ProfileEmpty => ("Không có thông tin nào được lưu trên thiết bị này.", "No details are kept on this device."),
    ProfileDelete => ("Xoá thông tin của tôi", "Delete my details"),
    ProfileDeleted => ("Đã xoá thông tin của bạn khỏi thiết bị này.", "Your details were deleted from this device."),
    DeviceDataTitle => ("Mọi dữ liệu trên thiết bị này", "Everything on this device"),
    DeviceDataIntro => ("Ứng dụng lưu trên thiết bị này bản nháp hồ sơ, biên nhận các hồ sơ đã nộp, thông tin bạn đồng ý lưu, bản tập, tiến độ bài học và phản ánh bạn đang viết hoặc đã gửi. Nếu dùng chung máy, hãy xoá khi dùng xong.", "On this device the app keeps drafts of applications, receipts of those you sent, the details you agreed to keep, practice forms, lesson progress, and the reports you are writing or sent. On a shared phone, delete them when you are done."),
    DeviceDataDelete => ("Xoá mọi dữ liệu trên thiết bị này", "Delete everything on this device"),
    DeviceDataConfirm => ("Bạn có chắc không? Bản nháp và biên nhận sẽ mất hẳn; hãy ghi lại mã hồ sơ trước nếu còn cần tra cứu. Ngôn ngữ và cỡ chữ vẫn được giữ.", "Are you sure? Drafts and receipts will be gone for good; note your application codes first if you still need to track them. Your language and text size stay."),
    DeviceDataYes => ("Có, xoá hết", "Yes, delete everything"),
    DeviceDataNo => ("Không, giữ lại", "No, keep them"),
    DeviceDataDeleted => ("Đã xoá mọi dữ liệu của ứng dụng trên thiết bị này.", "Everything the app kept on this device has been deleted."),
    ProfileFilled => ("Một số ô đã được điền sẵn từ thông tin bạn lưu trên thiết bị này. Hãy kiểm tra lại.", "Some boxes were filled from the details you keep on this device. Check them."),
    // Payments
    PayAction => ("Thanh toán lệ phí", "Pay the fee"),
    PayNotYet => ("Chưa thanh toán", "Not paid yet"),
    TimelinePaid => ("Đã thanh toán lệ phí", "Fee paid"),
    PayReceiptTitle => ("Biên lai thanh toán", "Payment receipt"),
    PayMethod => ("Cách thanh toán", "Paid by"),
    PayTxnRef => ("Mã giao dịch", "Transaction reference"),
    PayPaidAt => ("Thời điểm thanh toán", "Paid on"),
    PayIntro => ("Chọn cách thanh toán. Hồ sơ chỉ được ghi nhận đã thanh toán khi hệ thống của thành phố nhận được xác nhận từ ngân hàng.", "Choose how to pay. The application counts as paid only when the city's system has the bank's confirmation."),
    PayAmount => ("Số tiền", "Amount"),
    PayVnpay => ("Thẻ, ví điện tử hoặc ngân hàng trực tuyến (VNPay)", "Card, e-wallet or online banking (VNPay)"),
    PayVietqr => ("Chuyển khoản bằng mã VietQR", "Bank transfer with a VietQR code"),
    PayRedirecting => ("Đang chuyển đến cổng thanh toán…", "Taking you to the payment page…"),
    PayQrIntro => ("Quét mã bằng ứng dụng ngân hàng, hoặc chuyển khoản theo thông tin dưới đây. Giữ nguyên nội dung chuyển khoản để hồ sơ được nhận ra.", "Scan the code with your banking app, or transfer by hand with the details below. Keep the transfer description as it is so the payment is matched to your application."),
    PayQrLabel => ("Mã QR chuyển khoản", "Bank transfer QR code"),
    PayBank => ("Ngân hàng (mã BIN)", "Bank (BIN)"),
    PayAccount => ("Số tài khoản", "Account number"),
    PayAccountName => ("Chủ tài khoản", "Account holder"),
    PayPurpose => ("Nội dung chuyển khoản", "Transfer description"),
    Copy => ("Sao chép", "Copy"),
    Copied => ("Đã sao chép", "Copied"),
    PayCheckStatus => ("Kiểm tra trạng thái thanh toán", "Check the payment status"),
    PayStatus => ("Trạng thái thanh toán", "Payment status"),
    PayPendingNote => ("Đang chờ xác nhận từ ngân hàng. Bạn có thể kiểm tra lại sau ít phút.", "Waiting for the bank's confirmation. You can check again in a few minutes."),
    PayResultTitle => ("Kết quả thanh toán", "Payment result"),
    PayStartNote => ("Lệ phí được thanh toán theo từng hồ sơ. Hãy tra cứu hồ sơ bằng mã hồ sơ và 4 số cuối số điện thoại đã khai, rồi chọn “Thanh toán lệ phí”.", "Fees are paid for each application. Look up your application with its code and the last 4 digits of the phone number you gave, then choose “Pay the fee”."),
    PayPaidNote => ("Cảm ơn bạn. Khoản phí đã được ghi nhận vào hồ sơ.", "Thank you. The fee is recorded on your application."),
    PayFailedNote => ("Bạn chưa bị trừ tiền. Bạn có thể thử lại, hoặc chuyển khoản bằng mã VietQR.", "You have not been charged. You can try again, or pay by bank transfer with a VietQR code."),
    PayTryAgain => ("Chọn cách thanh toán khác hoặc thử lại", "Try again or choose another way to pay"),
    PayNeedsPhone => ("Để thanh toán, hãy nhập 4 số cuối của số điện thoại đã khai trong hồ sơ.", "To pay, enter the last 4 digits of the phone number given in the application."),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_text_in_every_language() {
        for (msg, text) in Msg::ALL {
            for lang in Lang::ALL {
                let text = text.text(lang);
                assert!(!text.trim().is_empty(), "{msg} is empty in {lang:?}");
                assert_eq!(text, text.trim(), "{msg} has stray spaces in {lang:?}");
            }
        }
    }

    #[test]
    fn vietnamese_texts_carry_their_marks() {
        // A Vietnamese sentence typed without marks is a common slip; every long Vietnamese text must
        // contain at least one letter outside ASCII.
        for (msg, text) in Msg::ALL {
            let vi = text.text(Lang::Vi);
            if vi.split_whitespace().count() >= 3 {
                assert!(!vi.is_ascii(), "{msg} looks unaccented: {vi}");
            }
        }
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
            assert_ne!(lang.other(), lang);
        }
        assert_eq!(Lang::from_code(" EN "), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }
}
