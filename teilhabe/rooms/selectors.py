from django.db.models import QuerySet, Sum

from .models import Room


def rooms_of_the_house() -> QuerySet[Room]:
    return (
        Room.objects.filter(is_active=True).prefetch_related("equipment").order_by("floor", "name")
    )


def total_area_m2():
    return Room.objects.filter(is_active=True).aggregate(total=Sum("area_m2"))["total"] or 0


def closures_between(first, last):
    """Closures touching [first, last], whole-house ones with room None."""
    from .models import Closure

    return list(Closure.objects.filter(starts_on__lte=last, ends_on__gte=first))
