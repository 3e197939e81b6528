from .models import Centre


def build(context) -> None:
    centre = Centre.objects.filter(pk=1).first() or Centre(pk=1)
    centre.name = "Haus der Vielfalt"
    centre.city = "Erfurt (Beispiel)"
    centre.address = "Beispielstraße 1, 99084 Erfurt"
    centre.email = "kontakt@haus-der-vielfalt.example"
    centre.tagline_de = "Ein Haus, sechs Vereine, ein gemeinsames Programm für die ganze Stadt."
    centre.tagline_en = "One house, six associations, one joint programme for the whole city."
    centre.tagline_ar = "بيت واحد، ست جمعيات، برنامج مشترك واحد للمدينة كلها."
    centre.tagline_uk = "Один дім, шість об'єднань, одна спільна програма для всього міста."
    centre.tagline_ru = "Один дом, шесть объединений, одна общая программа для всего города."
    centre.tagline_tr = "Tek bir ev, altı dernek, bütün şehir için ortak bir program."
    centre.tagline_fa = "یک خانه، شش انجمن، یک برنامهٔ مشترک برای همهٔ شهر."
    centre.is_sample = True
    centre.save()
